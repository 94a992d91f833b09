namespace Zaitaku.Devices.Leasing;

/// <summary>A lease contract for telework PCs (端末のリース契約): who rents them out, at what price, for how long.</summary>
public sealed record LeaseContract
{
    /// <summary>Fees above this (per PC) are taken to be typing errors.</summary>
    public const long MaximumFeeYen = 10_000_000;

    /// <summary>The contract's id.</summary>
    public required Guid Id { get; init; }

    /// <summary>The lessor (リース会社).</summary>
    public required string Lessor { get; init; }

    /// <summary>The monthly fee per PC in service, yen.</summary>
    public required long MonthlyFeePerPcYen { get; init; }

    /// <summary>The one-time kitting fee per PC, yen, charged in the month the PC enters service.</summary>
    public required long KittingFeePerPcYen { get; init; }

    /// <summary>First day of the contract.</summary>
    public required DateOnly Start { get; init; }

    /// <summary>Last day of the contract (inclusive).</summary>
    public required DateOnly End { get; init; }

    /// <summary>Null when usable; otherwise the error naming the bad field, prefixed with <paramref name="path"/>.</summary>
    public Error? Validate(string path = "contract")
    {
        if (Id == Guid.Empty)
        {
            return new LeaseInputInvalid($"{path}.id", new("契約IDが空です。", "The contract id is empty."));
        }

        if (!DeviceInputRules.IsName(Lessor, 100))
        {
            return new LeaseInputInvalid($"{path}.lessor", new("リース会社名は1〜100文字で指定してください。", "The lessor must be 1 to 100 characters."));
        }

        if (MonthlyFeePerPcYen is < 0 or > MaximumFeeYen)
        {
            return new LeaseInputInvalid($"{path}.monthlyFeePerPcYen", new(
                $"{MonthlyFeePerPcYen:N0}円は範囲外です（0〜{MaximumFeeYen:N0}円）。", $"{MonthlyFeePerPcYen:N0} yen is out of range (0 to {MaximumFeeYen:N0})."));
        }

        if (KittingFeePerPcYen is < 0 or > MaximumFeeYen)
        {
            return new LeaseInputInvalid($"{path}.kittingFeePerPcYen", new(
                $"{KittingFeePerPcYen:N0}円は範囲外です（0〜{MaximumFeeYen:N0}円）。", $"{KittingFeePerPcYen:N0} yen is out of range (0 to {MaximumFeeYen:N0})."));
        }

        if (End < Start)
        {
            return new LeaseInputInvalid($"{path}.end", new(
                $"終了日 {End:yyyy-MM-dd} が開始日 {Start:yyyy-MM-dd} より前です。", $"The end {End:yyyy-MM-dd} is before the start {Start:yyyy-MM-dd}."));
        }

        return null;
    }
}

/// <summary>A bad lease contract or fleet-cost input; names the field.</summary>
public sealed record LeaseInputInvalid(string Field, LocalizedText Problem)
    : Error("lease_input_invalid", new($"{Field}: {Problem.Ja}", $"{Field}: {Problem.En}"));
