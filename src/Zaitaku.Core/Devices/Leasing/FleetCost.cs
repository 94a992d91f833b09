namespace Zaitaku.Devices.Leasing;

/// <summary>One PC's time in service under one contract.</summary>
/// <param name="DeviceId">The PC.</param>
/// <param name="ContractId">The <see cref="LeaseContract"/> it is rented under.</param>
/// <param name="InServiceFrom">The day it entered service (delivered kitted); not before the contract starts.</param>
/// <param name="InServiceUntil">The last day in service (returned to the lessor), or null for "until the contract ends".</param>
public sealed record LeasedDeviceService(Guid DeviceId, Guid ContractId, DateOnly InServiceFrom, DateOnly? InServiceUntil);

/// <summary>The fleet's cost in one calendar month.</summary>
/// <param name="Month">The first day of the month.</param>
/// <param name="DevicesInService">PCs charged the monthly fee this month.</param>
/// <param name="MonthlyFeesYen">Their monthly fees.</param>
/// <param name="DevicesKitted">PCs that entered service this month.</param>
/// <param name="KittingFeesYen">Their kitting fees.</param>
public sealed record MonthlyFleetCost(DateOnly Month, int DevicesInService, long MonthlyFeesYen, int DevicesKitted, long KittingFeesYen)
{
    /// <summary>Monthly fees plus kitting fees.</summary>
    public long TotalYen => MonthlyFeesYen + KittingFeesYen;
}

/// <summary>The fleet's cost month by month over a period.</summary>
/// <param name="Months">One entry per calendar month of the period, in order.</param>
public sealed record FleetCostPlan(IReadOnlyList<MonthlyFleetCost> Months)
{
    /// <summary>The sum over the period.</summary>
    public long TotalYen => Months.Sum(m => m.TotalYen);
}

/// <summary>
/// The monthly cost of leased telework PCs. Leases bill by the month, so a PC is charged its
/// contract's full monthly fee for every calendar month in which it is in service for at least
/// one day, and the contract's kitting fee once, in the month it enters service. Re-kitting after
/// a failure is the lessor's service and costs nothing extra here.
/// </summary>
public static class FleetCost
{
    /// <summary>The longest period one calculation covers (100 years).</summary>
    public const int MaximumMonths = 1200;

    /// <summary>The cost of each month from <paramref name="firstMonth"/> to <paramref name="lastMonth"/> (any day in each; both included).</summary>
    public static Result<FleetCostPlan> ByMonth(
        IReadOnlyList<LeaseContract> contracts, IReadOnlyList<LeasedDeviceService> devices, DateOnly firstMonth, DateOnly lastMonth)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        ArgumentNullException.ThrowIfNull(devices);
        var first = MonthIndex(firstMonth);
        var last = MonthIndex(lastMonth);
        if (last < first || last - first + 1 > MaximumMonths)
        {
            return new LeaseInputInvalid("lastMonth", new(
                $"期間（{firstMonth:yyyy-MM}〜{lastMonth:yyyy-MM}）が正しくありません（1〜{MaximumMonths}か月）。",
                $"The period {firstMonth:yyyy-MM} to {lastMonth:yyyy-MM} is not valid (1 to {MaximumMonths} months)."));
        }

        var byId = new Dictionary<Guid, LeaseContract>();
        for (var i = 0; i < contracts.Count; i++)
        {
            if (contracts[i]?.Validate($"contracts[{i}]") is { } invalid)
            {
                return invalid;
            }

            if (!byId.TryAdd(contracts[i].Id, contracts[i]))
            {
                return new LeaseInputInvalid($"contracts[{i}].id", new($"契約 {contracts[i].Id} が重複しています。", $"Contract {contracts[i].Id} appears twice."));
            }
        }

        var count = last - first + 1;
        var inService = new int[count];
        var monthly = new long[count];
        var kitted = new int[count];
        var kitting = new long[count];
        var periods = new Dictionary<Guid, List<(DateOnly From, DateOnly Until)>>();

        for (var i = 0; i < devices.Count; i++)
        {
            var device = devices[i];
            var path = $"devices[{i}]";
            if (device is null)
            {
                return new LeaseInputInvalid(path, new("空の行です。", "The row is empty."));
            }

            if (!byId.TryGetValue(device.ContractId, out var contract))
            {
                return new LeaseInputInvalid($"{path}.contractId", new($"契約 {device.ContractId} がありません。", $"There is no contract {device.ContractId}."));
            }

            var until = device.InServiceUntil ?? contract.End;
            if (device.InServiceFrom < contract.Start || device.InServiceFrom > contract.End)
            {
                return new LeaseInputInvalid($"{path}.inServiceFrom", new(
                    $"利用開始日 {device.InServiceFrom:yyyy-MM-dd} が契約期間（{contract.Start:yyyy-MM-dd}〜{contract.End:yyyy-MM-dd}）外です。",
                    $"The start of service {device.InServiceFrom:yyyy-MM-dd} is outside the contract ({contract.Start:yyyy-MM-dd} to {contract.End:yyyy-MM-dd})."));
            }

            if (until < device.InServiceFrom || until > contract.End)
            {
                return new LeaseInputInvalid($"{path}.inServiceUntil", new(
                    $"利用終了日 {until:yyyy-MM-dd} が利用開始日より前か、契約の終了日 {contract.End:yyyy-MM-dd} より後です。",
                    $"The end of service {until:yyyy-MM-dd} is before its start or after the contract's end {contract.End:yyyy-MM-dd}."));
            }

            if (!periods.TryGetValue(device.DeviceId, out var earlier))
            {
                periods[device.DeviceId] = earlier = [];
            }

            if (earlier.Any(p => p.From <= until && device.InServiceFrom <= p.Until))
            {
                return new LeaseInputInvalid($"{path}.deviceId", new(
                    $"端末 {device.DeviceId} の利用期間が別の行と重なっています。", $"Device {device.DeviceId} has overlapping periods of service."));
            }

            earlier.Add((device.InServiceFrom, until));

            var start = MonthIndex(device.InServiceFrom);
            if (start >= first && start <= last)
            {
                kitted[start - first]++;
                kitting[start - first] = checked(kitting[start - first] + contract.KittingFeePerPcYen);
            }

            for (var m = Math.Max(start, first); m <= Math.Min(MonthIndex(until), last); m++)
            {
                inService[m - first]++;
                monthly[m - first] = checked(monthly[m - first] + contract.MonthlyFeePerPcYen);
            }
        }

        var months = new MonthlyFleetCost[count];
        for (var m = 0; m < count; m++)
        {
            var index = first + m;
            months[m] = new MonthlyFleetCost(new DateOnly(index / 12, index % 12 + 1, 1), inService[m], monthly[m], kitted[m], kitting[m]);
        }

        return new FleetCostPlan(months);
    }

    private static int MonthIndex(DateOnly date) => date.Year * 12 + date.Month - 1;
}
