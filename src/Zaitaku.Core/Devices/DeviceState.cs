namespace Zaitaku.Devices;

/// <summary>
/// Where a telework PC is in its life (issue 3), in the order a device normally moves through
/// them. Only <see cref="Lent"/> lets a device reach the gateway.
/// </summary>
public enum DeviceState
{
    /// <summary>発注済み — ordered from the vendor, not yet delivered.</summary>
    Ordered,

    /// <summary>キッティング中 — being set up and given its device certificate.</summary>
    Kitting,

    /// <summary>貸与可能 — kitted and waiting in stock.</summary>
    Ready,

    /// <summary>貸与中 — lent to one staff member.</summary>
    Lent,

    /// <summary>返却済み — returned by the staff member.</summary>
    Returned,

    /// <summary>故障 — broken; waiting for the vendor.</summary>
    Failed,

    /// <summary>再キッティング中 — being re-kitted by the vendor after a failure.</summary>
    Rekitting,

    /// <summary>紛失 — lost or stolen; its certificate must never be accepted.</summary>
    Lost,

    /// <summary>廃棄手続中 — being wiped and disposed of.</summary>
    Disposing,

    /// <summary>廃棄済み — disposed of with a certificate of safe disposal.</summary>
    Disposed,
}
