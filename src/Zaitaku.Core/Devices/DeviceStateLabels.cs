namespace Zaitaku.Devices;

/// <summary>The words IT staff read for each <see cref="DeviceState"/>.</summary>
public static class DeviceStateLabels
{
    /// <summary>The state's label, Japanese first.</summary>
    public static LocalizedText Label(this DeviceState state) => state switch
    {
        DeviceState.Ordered => new("発注済", "Ordered"),
        DeviceState.Kitting => new("キッティング中", "Kitting"),
        DeviceState.Ready => new("貸出可", "Ready to lend"),
        DeviceState.Lent => new("貸出中", "Lent"),
        DeviceState.Returned => new("返却済", "Returned"),
        DeviceState.Failed => new("故障", "Failed"),
        DeviceState.Rekitting => new("再キッティング中", "Re-kitting"),
        DeviceState.Lost => new("紛失・盗難", "Lost or stolen"),
        DeviceState.Disposing => new("廃棄手続中", "Disposal in progress"),
        DeviceState.Disposed => new("廃棄済", "Disposed"),
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>Labels joined for a sentence: 「返却済」「故障」, or なし / none when empty.</summary>
    public static LocalizedText JoinLabels(IEnumerable<DeviceState> states)
    {
        var list = states.ToList();
        if (list.Count == 0)
        {
            return new("なし", "none");
        }

        return new(
            string.Concat(list.Select(s => $"「{s.Label().Ja}」")),
            string.Join(", ", list.Select(s => s.Label().En)));
    }
}
