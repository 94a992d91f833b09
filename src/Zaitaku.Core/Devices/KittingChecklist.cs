namespace Zaitaku.Devices;

/// <summary>One item of a tenant's kitting checklist (キッティング項目).</summary>
/// <param name="Code">Stable identifier, e.g. <c>disk_encryption</c>.</param>
/// <param name="Label">What the technician reads.</param>
public sealed record KittingChecklistItem(string Code, LocalizedText Label)
{
    // For the data layer, which sets the label as a nested value after construction.
    private KittingChecklistItem()
        : this(string.Empty, default)
    {
    }
}

/// <summary>A tick on a checklist item: who confirmed it and when.</summary>
/// <param name="ItemCode">The <see cref="KittingChecklistItem.Code"/>.</param>
/// <param name="TickedBy">The technician or IT staff member.</param>
/// <param name="TickedAt">When (UTC).</param>
public sealed record ChecklistTick(string ItemCode, string TickedBy, DateTimeOffset TickedAt);

/// <summary>
/// A tenant's kitting checklist. A PC copies it when kitting starts, so a later change of the
/// tenant's list does not move the goalposts of a PC already on the bench.
/// </summary>
/// <param name="Items">The items, in the order the technician works through them; at least one, codes unique.</param>
public sealed record KittingChecklist(IReadOnlyList<KittingChecklistItem> Items)
{
    /// <summary>
    /// The default list from issue 3. "Certificate installed" is not an item: Zaitaku issues the
    /// certificate as the act that completes kitting (<see cref="TeleworkDevice.MarkReady"/>).
    /// </summary>
    public static KittingChecklist Default { get; } = new([
        new("os_image", new("OSイメージの適用（版の確認）", "OS image applied (version checked)")),
        new("closed_vpn_profile", new("閉域VPNプロファイルの設定", "Closed-VPN profile installed")),
        new("app_restriction", new("アプリケーション制限ポリシーの適用", "Application restriction policy applied")),
        new("disk_encryption", new("ディスク暗号化の有効化", "Disk encryption enabled")),
    ]);

    /// <summary>Null when usable; otherwise the error naming the bad item.</summary>
    public Error? Validate()
    {
        if (Items is null || Items.Count == 0)
        {
            return new DeviceInputInvalid("checklist.items", new("チェック項目が1つもありません。", "The checklist has no items."));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Items.Count; i++)
        {
            var item = Items[i];
            if (item is null || !DeviceInputRules.IsCode(item.Code))
            {
                return new DeviceInputInvalid($"checklist.items[{i}].code", new(
                    "英小文字・数字・_ の1〜64文字で指定してください。",
                    "Use 1 to 64 lower-case letters, digits or _."));
            }

            if (string.IsNullOrWhiteSpace(item.Label.Ja) || string.IsNullOrWhiteSpace(item.Label.En))
            {
                return new DeviceInputInvalid($"checklist.items[{i}].label", new("表示名（日本語・英語）が必要です。", "A label in Japanese and English is required."));
            }

            if (!seen.Add(item.Code))
            {
                return new DeviceInputInvalid($"checklist.items[{i}].code", new($"「{item.Code}」が重複しています。", $"\"{item.Code}\" appears twice."));
            }
        }

        return null;
    }
}
