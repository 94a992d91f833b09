using System.Text;
using BenchmarkDotNet.Attributes;
using Zaitaku.Work.Calendar;

namespace Zaitaku.Benchmarks.Calendar;

/// <summary>
/// What the work rules pay per day checked (IsWorkingDay, a fiscal year of working days), what a
/// deployment pays to build its calendar, and what an administrator's import costs.
/// </summary>
[MemoryDiagnoser]
public class CalendarBenchmarks
{
    private WorkCalendar _calendar = null!;
    private byte[] _officialCsvShiftJis = null!;
    private readonly DateOnly _day = new(2026, 11, 26);
    private readonly FiscalYear _fiscalYear = new(2026);

    [GlobalSetup]
    public void Setup()
    {
        _calendar = new WorkCalendar(JapaneseHolidays.Official, [new DateOnly(2026, 6, 1)]);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = new StringBuilder("国民の祝日・休日月日,国民の祝日・休日名称\r\n");
        foreach (var holiday in JapaneseHolidays.Official.Published.Holidays)
        {
            text.Append($"{holiday.Date.Year}/{holiday.Date.Month}/{holiday.Date.Day},{holiday.Name}\r\n");
        }
        _officialCsvShiftJis = Encoding.GetEncoding(932).GetBytes(text.ToString());
    }

    [Benchmark]
    public bool IsWorkingDay() => _calendar.IsWorkingDay(_day);

    [Benchmark]
    public int CountWorkingDays_FiscalYear() => _calendar.CountWorkingDays(_fiscalYear.FirstDay, _fiscalYear.LastDay);

    [Benchmark]
    public DateOnly NextWorkingDay_BeforeGoldenWeek() => _calendar.NextWorkingDay(new DateOnly(2026, 5, 1));

    [Benchmark]
    public IReadOnlyList<JapaneseHoliday> HolidayRules_OneYear() => HolidayRules.For(2028, HolidayLawExceptions.Enacted);

    [Benchmark]
    public JapaneseHolidays BuildCalendar_1949To2099() => JapaneseHolidays.Official.WithImported(HolidayList.Empty);

    [Benchmark]
    public bool ImportOfficialCsv_ShiftJis() => JapaneseHolidays.Official.Import(new MemoryStream(_officialCsvShiftJis)).IsOk;
}
