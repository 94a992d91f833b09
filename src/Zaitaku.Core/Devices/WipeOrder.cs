namespace Zaitaku.Devices;

/// <summary>
/// The order to wipe a lost or stolen PC remotely, recorded when the loss is reported, for the
/// device-management tool (MDM) to carry out.
/// </summary>
/// <param name="OrderedBy">Who reported the loss.</param>
/// <param name="OrderedAt">When (UTC).</param>
/// <param name="Circumstances">What the reporter said happened (may be empty).</param>
public sealed record WipeOrder(string OrderedBy, DateTimeOffset OrderedAt, string Circumstances);
