using Microsoft.EntityFrameworkCore;
using Zaitaku.Data;
using Zaitaku.Data.Devices;
using Zaitaku.Devices;
using Zaitaku.Devices.Leasing;

namespace Zaitaku.Web.Devices;

/// <summary>A lease contract as a form or the API gives it.</summary>
public sealed record LeaseContractInput(string? ContractNumber, string? Lessor, long? MonthlyFeePerPcYen, long? KittingFeePerPcYen, DateOnly? Start, DateOnly? End);

/// <summary>The fleet's monthly cost over a period, and the PCs left out of it with the reason.</summary>
public sealed record FleetCostReport(FleetCostPlan Plan, IReadOnlyList<LocalizedText> LeftOut);

/// <summary>
/// Lease contracts and the monthly cost of the fleet. A PC is in service under its contract from
/// the day its kitting first completed (it was delivered kitted) until the day its disposal
/// completed (returned to the lessor); a lost PC stays charged until the contract ends, as a
/// lessee pays for a lost leased PC. The budget work reads <see cref="CostAsync"/>.
/// </summary>
public sealed class LeaseService(ZaitakuDb db)
{
    public Task<List<LeaseContractEntry>> ContractsAsync(CancellationToken cancellationToken = default) =>
        db.LeaseContracts.AsNoTracking().OrderBy(c => c.Start).ThenBy(c => c.ContractNumber).ToListAsync(cancellationToken);

    /// <summary>How many PCs each contract covers.</summary>
    public async Task<Dictionary<Guid, int>> DeviceCountsAsync(CancellationToken cancellationToken = default) =>
        await db.Devices.AsNoTracking().Where(d => d.LeaseContractId != null).GroupBy(d => d.LeaseContractId!.Value)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    public async Task<Result<LeaseContractEntry>> CreateAsync(LeaseContractInput input, DeviceCaller caller, CancellationToken cancellationToken = default)
    {
        if (!caller.ManagesDevices) return new DeviceManagersOnly();
        var number = input.ContractNumber?.Trim() ?? "";
        if (number.Length is 0 or > 64 || number.Any(char.IsControl))
            return new LeaseInputInvalid("contractNumber", new("契約番号は1〜64文字で入力してください。", "Give a contract number of 1 to 64 characters."));
        if (input.MonthlyFeePerPcYen is null)
            return new LeaseInputInvalid("monthlyFeePerPcYen", new("1台あたりの月額を円で入力してください。", "Give the monthly fee per PC in yen."));
        if (input.Start is null || input.End is null)
            return new LeaseInputInvalid(input.Start is null ? "start" : "end", new("契約の開始日と終了日を入力してください。", "Give the contract's first and last day."));
        var entry = new LeaseContractEntry
        {
            Id = Guid.NewGuid(),
            ContractNumber = number,
            Lessor = input.Lessor?.Trim() ?? "",
            MonthlyFeePerPcYen = input.MonthlyFeePerPcYen.Value,
            KittingFeePerPcYen = input.KittingFeePerPcYen ?? 0,
            Start = input.Start.Value,
            End = input.End.Value,
            CreatedAt = db.Time.GetUtcNow(),
        };
        if (entry.ToContract().Validate("contract") is { } invalid) return invalid;
        if (await db.LeaseContracts.AnyAsync(c => c.ContractNumber == number, cancellationToken)) return new LeaseContractNumberTaken(number);
        db.LeaseContracts.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        return entry;
    }

    /// <summary>The cost of every month from <paramref name="firstMonth"/> to <paramref name="lastMonth"/>, in yen.</summary>
    public async Task<Result<FleetCostReport>> CostAsync(DateOnly firstMonth, DateOnly lastMonth, CancellationToken cancellationToken = default)
    {
        var contracts = await db.LeaseContracts.AsNoTracking().ToListAsync(cancellationToken);
        var byId = contracts.ToDictionary(c => c.Id);
        var devices = await db.Devices.AsNoTracking().Where(d => d.LeaseContractId != null)
            .Select(d => new { d.Id, d.AssetTag, ContractId = d.LeaseContractId!.Value }).ToListAsync(cancellationToken);
        var firstReady = await db.DeviceEvents.AsNoTracking().Where(e => e.Operation == DeviceOperation.MarkReady)
            .GroupBy(e => e.DeviceId).Select(g => new { DeviceId = g.Key, At = g.Min(e => e.At) }).ToDictionaryAsync(g => g.DeviceId, g => g.At, cancellationToken);
        var disposed = await db.DeviceEvents.AsNoTracking().Where(e => e.Operation == DeviceOperation.CompleteDisposal)
            .GroupBy(e => e.DeviceId).Select(g => new { DeviceId = g.Key, At = g.Max(e => e.At) }).ToDictionaryAsync(g => g.DeviceId, g => g.At, cancellationToken);

        var services = new List<LeasedDeviceService>();
        var leftOut = new List<LocalizedText>();
        foreach (var device in devices)
        {
            if (!firstReady.TryGetValue(device.Id, out var readyAt)) continue; // not delivered yet: no cost
            var contract = byId[device.ContractId];
            var from = JapanTime.DateOf(readyAt);
            if (from > contract.End)
            {
                leftOut.Add(new($"{device.AssetTag}: 契約 {contract.ContractNumber} の終了後に利用開始しているため計上していません。",
                    $"{device.AssetTag}: entered service after contract {contract.ContractNumber} ended; not counted."));
                continue;
            }
            if (from < contract.Start) from = contract.Start; // kitted before the lease ran: charged from its start
            DateOnly? until = disposed.TryGetValue(device.Id, out var disposedAt) ? JapanTime.DateOf(disposedAt) : null;
            if (until is { } u && u > contract.End) until = contract.End;
            if (until is { } end && end < from) until = from;
            services.Add(new LeasedDeviceService(device.Id, device.ContractId, from, until));
        }
        var plan = FleetCost.ByMonth(contracts.Select(c => c.ToContract()).ToList(), services, firstMonth, lastMonth);
        return plan.IsOk ? new FleetCostReport(plan.Value, leftOut) : plan.Error!;
    }

    /// <summary>The fiscal year (April to March) that contains <paramref name="date"/>: its first and last month.</summary>
    public static (DateOnly First, DateOnly Last) FiscalYear(DateOnly date)
    {
        var start = date.Month >= 4 ? date.Year : date.Year - 1;
        return (new DateOnly(start, 4, 1), new DateOnly(start + 1, 3, 1));
    }
}
