using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using Zaitaku.Data.Tasks;
using Zaitaku.Planning;

namespace Zaitaku.Web.Tasks.Planning;

/// <summary>A staff member of a saved plan, as people read them (the instance knows them by staff number).</summary>
/// <param name="Number">職員番号 — the id in the instance.</param>
/// <param name="Id">The staff member's record.</param>
/// <param name="Name">氏名.</param>
/// <param name="Section">The section's code.</param>
/// <param name="Eligibility">home, rotation or office, from the tasks (or office when the work rules exclude the employment type).</param>
/// <param name="Reasons">Codes of what keeps their work from home (task reasons, <c>employment_not_eligible</c>).</param>
/// <param name="Team">Emergency mode: <c>A</c> or <c>B</c> for staff who alternate, null otherwise.</param>
/// <param name="PhoneAndMail">Emergency mode: their work at home needs no internal system (phone and mail only), so no telework PC.</param>
public sealed record PlanStaff(string Number, Guid Id, string Name, string Section, Eligibility Eligibility, IReadOnlyList<string> Reasons, string? Team, bool PhoneAndMail);

/// <summary>A task a section can do at home with phone and mail only, and the working time on it.</summary>
public sealed record PhoneMailTask(string Code, string Name, double Fte);

/// <summary>A section of a saved plan.</summary>
/// <param name="Code">所属コード — the id in the instance.</param>
/// <param name="Id">The section's record.</param>
/// <param name="Name">Its name.</param>
/// <param name="DepartmentName">Its department.</param>
/// <param name="PhoneMailTasks">Emergency mode: tasks that need no internal system.</param>
public sealed record PlanSection(string Code, Guid Id, string Name, string DepartmentName, IReadOnlyList<PhoneMailTask> PhoneMailTasks);

/// <summary>The planner's input as saved with the plan: the instance and who and what its ids are.</summary>
public sealed record PlanInput(RotationInstance Instance, IReadOnlyList<PlanStaff> Staff, IReadOnlyList<PlanSection> Sections)
{
    private Dictionary<string, PlanStaff>? _staff;
    private Dictionary<string, PlanSection>? _sections;

    public PlanStaff? StaffOf(string number) => (_staff ??= Staff.ToDictionary(s => s.Number, StringComparer.Ordinal)).GetValueOrDefault(number);

    public PlanSection? SectionOf(string code) => (_sections ??= Sections.ToDictionary(s => s.Code, StringComparer.Ordinal)).GetValueOrDefault(code);
}

/// <summary>A rule the pinned days break, as saved.</summary>
public sealed record SavedConflict(int Rule, DateOnly? Day, string? Section, string? Staff, string Ja, string En)
{
    public LocalizedText Message => new(Ja, En);
}

/// <summary>A planned home day that accepting the plan did not ask for, as saved.</summary>
/// <param name="Staff">職員番号 — the id in the instance.</param>
/// <param name="Day">The day.</param>
/// <param name="Code">The stable code of the work rule it breaks.</param>
/// <param name="Ja">Why, in Japanese.</param>
/// <param name="En">Why, in English.</param>
public sealed record SavedSkip(string Staff, DateOnly Day, string Code, string Ja, string En)
{
    public LocalizedText Message => new(Ja, En);
}

/// <summary>What accepting the plan asked for: days approved, days waiting for approval, and the days the work rules refused.</summary>
public sealed record PlanAcceptance(int Approved, int Pending, IReadOnlyList<SavedSkip> Skipped);

/// <summary>The planner's answer as saved: PLAN.json, what cannot be met, the emergency report, and (once accepted) the acceptance.</summary>
public sealed record PlanOutput(RotationPlan Plan, EmergencyReport? Emergency, PlanAcceptance? Acceptance = null);

/// <summary>Reads and writes the saved plan's data: gzip-compressed JSON in the INSTANCE.json and PLAN.json formats, with names beside them.</summary>
public static class PlanDocuments
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private sealed record InputDocument(JsonElement Instance, IReadOnlyList<PlanStaff> Staff, IReadOnlyList<PlanSection> Sections);

    private sealed record OutputDocument(JsonElement Plan, int PrefersHomeHonoured, long ElapsedMs, IReadOnlyList<SavedConflict> Conflicts, EmergencyReport? Emergency,
        PlanAcceptance? Acceptance = null);

    public static byte[] WriteInput(PlanInput input)
    {
        using var instance = JsonDocument.Parse(RotationInstanceJson.Write(input.Instance));
        return Zip(JsonSerializer.SerializeToUtf8Bytes(new InputDocument(instance.RootElement, input.Staff, input.Sections), Json));
    }

    public static PlanInput ReadInput(byte[] data)
    {
        var document = JsonSerializer.Deserialize<InputDocument>(Unzip(data), Json)!;
        var instance = RotationInstanceJson.Read(document.Instance.GetRawText());
        if (!instance.IsOk) throw new InvalidDataException($"The saved instance is not valid: {instance.Error!.Message.En}");
        return new PlanInput(instance.Value, document.Staff, document.Sections);
    }

    public static byte[] WriteOutput(PlanOutput output)
    {
        using var plan = JsonDocument.Parse(RotationPlanJson.Write(output.Plan));
        var conflicts = output.Plan.Conflicts.Select(c => new SavedConflict(c.Rule, c.Day, c.Section, c.Staff, c.Message.Ja, c.Message.En)).ToList();
        return Zip(JsonSerializer.SerializeToUtf8Bytes(new OutputDocument(plan.RootElement, output.Plan.PrefersHomeHonoured,
            (long)output.Plan.Elapsed.TotalMilliseconds, conflicts, output.Emergency, output.Acceptance), Json));
    }

    public static PlanOutput ReadOutput(byte[] data)
    {
        var document = JsonSerializer.Deserialize<OutputDocument>(Unzip(data), Json)!;
        var plan = RotationPlanJson.Read(document.Plan.GetRawText()) with
        {
            PrefersHomeHonoured = document.PrefersHomeHonoured,
            Elapsed = TimeSpan.FromMilliseconds(document.ElapsedMs),
            Conflicts = document.Conflicts.Select(c => new PlanConflict(c.Rule, c.Day, c.Section, c.Staff, c.Message)).ToList(),
        };
        return new PlanOutput(plan, document.Emergency, document.Acceptance);
    }

    /// <summary>INSTANCE.json of a saved plan, for <c>zaitaku plan rotation --input</c>.</summary>
    public static string InstanceJson(RotationPlanRecord record) => RotationInstanceJson.Write(ReadInput(record.InstanceData).Instance);

    private static byte[] Zip(byte[] raw)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(raw);
        return output.ToArray();
    }

    private static byte[] Unzip(byte[] data)
    {
        using var input = new GZipStream(new MemoryStream(data, writable: false), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
