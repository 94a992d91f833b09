namespace Zaitaku.Devices;

/// <summary>Where a telework PC is in its life, from order to certified disposal (issue 3).</summary>
public enum DeviceState
{
    Ordered,
    Kitting,
    Ready,
    Lent,
    Returned,
    Failed,
    Rekitting,
    Lost,
    Disposing,
    Disposed,
}
