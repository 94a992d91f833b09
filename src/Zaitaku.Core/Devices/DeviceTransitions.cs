namespace Zaitaku.Devices;

/// <summary>
/// The allowed moves between <see cref="DeviceState"/>s, exactly as issue 3 lists them:
/// ordered → kitting → ready → lent → returned → ready; lent → failed → rekitting → ready;
/// lent or ready → lost; returned or failed → disposing → disposed.
/// </summary>
public static class DeviceTransitions
{
    private static readonly IReadOnlyDictionary<DeviceState, DeviceState[]> Next = new Dictionary<DeviceState, DeviceState[]>
    {
        [DeviceState.Ordered] = [DeviceState.Kitting],
        [DeviceState.Kitting] = [DeviceState.Ready],
        [DeviceState.Ready] = [DeviceState.Lent, DeviceState.Lost],
        [DeviceState.Lent] = [DeviceState.Returned, DeviceState.Failed, DeviceState.Lost],
        [DeviceState.Returned] = [DeviceState.Ready, DeviceState.Disposing],
        [DeviceState.Failed] = [DeviceState.Rekitting, DeviceState.Disposing],
        [DeviceState.Rekitting] = [DeviceState.Ready],
        [DeviceState.Lost] = [],
        [DeviceState.Disposing] = [DeviceState.Disposed],
        [DeviceState.Disposed] = [],
    };

    /// <summary>The states a PC in <paramref name="from"/> may move to, in the order of the life cycle.</summary>
    public static IReadOnlyList<DeviceState> AllowedNext(DeviceState from) => Next[from];

    /// <summary>True when the issue allows the move.</summary>
    public static bool IsAllowed(DeviceState from, DeviceState to) => Next[from].Contains(to);

    /// <summary>Null when the move is allowed; otherwise the error naming the current state and the allowed next ones.</summary>
    public static TransitionNotAllowed? Check(DeviceState from, DeviceState to) =>
        IsAllowed(from, to) ? null : new TransitionNotAllowed(from, to, Next[from]);
}
