using Zaitaku.Devices.Leasing;

namespace Zaitaku.Core.Tests.Devices.Leasing;

public class FleetCostTests
{
    private static readonly LeaseContract Contract = new()
    {
        Id = Guid.Parse("5b0e4f7e-2c59-4a51-8a1e-6f6f1a9b2a01"),
        Lessor = "サンプルリース株式会社",
        MonthlyFeePerPcYen = 10_800,
        KittingFeePerPcYen = 30_000,
        Start = new DateOnly(2020, 9, 1),
        End = new DateOnly(2025, 8, 31),
    };

    private static List<LeasedDeviceService> Pcs(int count, DateOnly from, DateOnly? until = null) =>
        Enumerable.Range(0, count).Select(_ => new LeasedDeviceService(Guid.NewGuid(), Contract.Id, from, until)).ToList();

    [Fact]
    public void ByMonth_HigashimurayamaRollout_ReproducesAbout8MillionThenAbout13MillionAYear()
    {
        // DOMAIN.md: 20 PCs from September 2020, 80 more in December; about 8 million yen for
        // September to March, about 13 million for a full year with 100 PCs. With 10,800 yen a
        // PC-month and 30,000 yen kitting: Sep 20×10,800 + 20×30,000 = 816,000; Oct and Nov
        // 216,000 each; Dec 100×10,800 + 80×30,000 = 3,480,000; Jan to Mar 1,080,000 each.
        var pcs = Pcs(20, new DateOnly(2020, 9, 1)).Concat(Pcs(80, new DateOnly(2020, 12, 1))).ToList();

        var fiscal2020 = FleetCost.ByMonth([Contract], pcs, new DateOnly(2020, 9, 1), new DateOnly(2021, 3, 1)).Value;
        var fiscal2021 = FleetCost.ByMonth([Contract], pcs, new DateOnly(2021, 4, 1), new DateOnly(2022, 3, 1)).Value;

        Assert.Equal([816_000L, 216_000, 216_000, 3_480_000, 1_080_000, 1_080_000, 1_080_000], fiscal2020.Months.Select(m => m.TotalYen));
        Assert.Equal(7_968_000, fiscal2020.TotalYen);
        Assert.Equal(12_960_000, fiscal2021.TotalYen);
        Assert.All(fiscal2021.Months, m => Assert.Equal((100, 0), (m.DevicesInService, m.DevicesKitted)));
    }

    [Fact]
    public void ByMonth_OneDayInAMonth_ChargesTheWholeMonth()
    {
        var pcs = Pcs(1, new DateOnly(2021, 1, 31), new DateOnly(2021, 3, 1));

        var plan = FleetCost.ByMonth([Contract], pcs, new DateOnly(2020, 12, 1), new DateOnly(2021, 4, 1)).Value;

        Assert.Equal([0, 1, 1, 1, 0], plan.Months.Select(m => m.DevicesInService));
        Assert.Equal([0L, 40_800, 10_800, 10_800, 0], plan.Months.Select(m => m.TotalYen));
        Assert.Equal(new DateOnly(2021, 1, 1), plan.Months[1].Month);
    }

    [Fact]
    public void ByMonth_PeriodStartingAfterDelivery_ChargesNoKittingFee()
    {
        var pcs = Pcs(3, new DateOnly(2020, 9, 15));

        var plan = FleetCost.ByMonth([Contract], pcs, new DateOnly(2020, 10, 1), new DateOnly(2020, 10, 31)).Value;

        var october = Assert.Single(plan.Months);
        Assert.Equal((3, 32_400L, 0, 0L), (october.DevicesInService, october.MonthlyFeesYen, october.DevicesKitted, october.KittingFeesYen));
    }

    [Fact]
    public void ByMonth_UntilOmitted_RunsToTheContractEnd()
    {
        var pcs = Pcs(1, new DateOnly(2025, 7, 1));

        var plan = FleetCost.ByMonth([Contract], pcs, new DateOnly(2025, 7, 1), new DateOnly(2025, 10, 1)).Value;

        Assert.Equal([1, 1, 0, 0], plan.Months.Select(m => m.DevicesInService));
    }

    [Fact]
    public void ByMonth_UnknownContract_RefusedNamingTheRow()
    {
        var pcs = new List<LeasedDeviceService> { new(Guid.NewGuid(), Guid.NewGuid(), new DateOnly(2021, 1, 1), null) };

        var error = Assert.IsType<LeaseInputInvalid>(FleetCost.ByMonth([Contract], pcs, new DateOnly(2021, 1, 1), new DateOnly(2021, 1, 1)).Error);

        Assert.Equal("devices[0].contractId", error.Field);
    }

    [Fact]
    public void ByMonth_ServiceBeforeTheContract_Refused()
    {
        var pcs = Pcs(1, new DateOnly(2020, 8, 31));

        var error = Assert.IsType<LeaseInputInvalid>(FleetCost.ByMonth([Contract], pcs, new DateOnly(2020, 9, 1), new DateOnly(2020, 9, 1)).Error);

        Assert.Equal("devices[0].inServiceFrom", error.Field);
    }

    [Fact]
    public void ByMonth_ServiceAfterTheContract_Refused()
    {
        var pcs = Pcs(1, new DateOnly(2025, 1, 1), new DateOnly(2025, 9, 1));

        var error = Assert.IsType<LeaseInputInvalid>(FleetCost.ByMonth([Contract], pcs, new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 1)).Error);

        Assert.Equal("devices[0].inServiceUntil", error.Field);
    }

    [Fact]
    public void ByMonth_SamePcTwiceOverlapping_Refused()
    {
        var id = Guid.NewGuid();
        var pcs = new List<LeasedDeviceService>
        {
            new(id, Contract.Id, new DateOnly(2021, 1, 1), new DateOnly(2021, 6, 30)),
            new(id, Contract.Id, new DateOnly(2021, 6, 30), null),
        };

        var error = Assert.IsType<LeaseInputInvalid>(FleetCost.ByMonth([Contract], pcs, new DateOnly(2021, 1, 1), new DateOnly(2021, 12, 1)).Error);

        Assert.Equal("devices[1].deviceId", error.Field);
    }

    [Theory]
    [InlineData(-1, 0, "contracts[0].monthlyFeePerPcYen")]
    [InlineData(10_000_001, 0, "contracts[0].monthlyFeePerPcYen")]
    [InlineData(10_800, -5, "contracts[0].kittingFeePerPcYen")]
    public void ByMonth_FeeOutOfRange_Refused(long monthly, long kitting, string field)
    {
        var contract = Contract with { MonthlyFeePerPcYen = monthly, KittingFeePerPcYen = kitting };

        var error = Assert.IsType<LeaseInputInvalid>(FleetCost.ByMonth([contract], [], new DateOnly(2021, 1, 1), new DateOnly(2021, 1, 1)).Error);

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void ByMonth_LastMonthBeforeFirst_Refused()
    {
        var error = Assert.IsType<LeaseInputInvalid>(FleetCost.ByMonth([Contract], [], new DateOnly(2021, 2, 1), new DateOnly(2021, 1, 1)).Error);

        Assert.Equal("lastMonth", error.Field);
    }

    [Fact]
    public void Validate_ContractEndingBeforeItStarts_Refused()
    {
        var error = Assert.IsType<LeaseInputInvalid>((Contract with { End = new DateOnly(2020, 8, 31) }).Validate());

        Assert.Equal("contract.end", error.Field);
    }
}
