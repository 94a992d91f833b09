namespace Zaitaku.Devices.Posture;

/// <summary>
/// What a PC's agent reports about itself over mutual TLS. The PC is identified by the client
/// certificate of the connection, not by anything in the report.
/// </summary>
public sealed record PostureReport
{
    /// <summary>The OS build as dotted numbers, e.g. <c>10.0.22631.4460</c>.</summary>
    public required string OsBuild { get; init; }

    /// <summary>The date (Asia/Tokyo) of the antivirus definitions in use.</summary>
    public required DateOnly AntivirusDefinitionsDate { get; init; }

    /// <summary>True when the system disk is encrypted (BitLocker or equivalent).</summary>
    public required bool DiskEncrypted { get; init; }

    /// <summary>True when user data is found on the PC's own storage (it should stay on the office side).</summary>
    public required bool UserDataStoredLocally { get; init; }

    /// <summary>True when screen capture is blocked on the PC.</summary>
    public required bool ScreenCaptureBlocked { get; init; }

    /// <summary>The reporting agent's version as dotted numbers, e.g. <c>1.4.0</c>.</summary>
    public required string AgentVersion { get; init; }

    /// <summary>When the agent made the report, by the PC's clock (UTC).</summary>
    public required DateTimeOffset ReportedAt { get; init; }
}
