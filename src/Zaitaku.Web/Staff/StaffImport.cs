using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Data;
using Zaitaku.Data.Audit;
using Zaitaku.Data.Imports;
using Zaitaku.Organization;
using Zaitaku.Web.Problems;
using Zaitaku.Web.Tabular;

namespace Zaitaku.Web.Staff;

/// <summary>One value that an import changes.</summary>
public sealed record FieldChange(StaffField Field, string Before, string After);

/// <summary>A staff member an import adds, changes or deactivates.</summary>
public sealed record StaffChange(int? Row, string StaffNumber, string Name, IReadOnlyList<FieldChange> Fields);

/// <summary>What an import would do, or the problems that stop it.</summary>
public sealed record StaffImportPreview(
    Guid? BatchId,
    string FileName,
    string Format,
    int Rows,
    IReadOnlyList<StaffChange> Added,
    IReadOnlyList<StaffChange> Changed,
    IReadOnlyList<StaffChange> Deactivated,
    int Unchanged,
    IReadOnlyList<TabularProblem> Problems)
{
    public bool CanCommit => Problems.Count == 0 && BatchId is not null;
}

/// <summary>The file has problems; nothing was changed.</summary>
public sealed record ImportRefused(IReadOnlyList<TabularProblem> Problems) : Error("import_refused",
    new($"取込ファイルに{Problems.Count}件の誤りがあるため、何も変更していません。{(Problems.Count > 0 ? Problems[0].Located.Ja : "")}",
        $"The file has {Problems.Count} problem(s); nothing was changed. {(Problems.Count > 0 ? Problems[0].Located.En : "")}"));

/// <summary>
/// The staff list from the HR system: staff are matched by staff number; those in the file are added
/// or changed, active staff missing from it are deactivated (their employment ends the day before the
/// import). A preview shows all of it; the commit applies all of it in one transaction, or nothing.
/// </summary>
public sealed class StaffImport(ZaitakuDb db)
{
    public const string Kind = "staff";

    /// <summary>The columns of the file: the Japanese header and the English aliases accepted on import.</summary>
    public static readonly IReadOnlyList<(StaffField Field, string Header, string[] Aliases, bool Required)> Columns =
    [
        (StaffField.StaffNumber, "職員番号", ["staff_number", "staffnumber"], true),
        (StaffField.FamilyName, "姓", ["氏", "family_name"], true),
        (StaffField.GivenName, "名", ["given_name"], true),
        (StaffField.FamilyNameKana, "姓（かな）", ["姓かな", "姓カナ", "せい", "セイ", "family_name_kana"], true),
        (StaffField.GivenNameKana, "名（かな）", ["名かな", "名カナ", "めい", "メイ", "given_name_kana"], true),
        (StaffField.Email, "メールアドレス", ["メール", "email"], false),
        (StaffField.Employment, "雇用区分", ["employment"], true),
        (StaffField.SectionCode, "所属コード", ["section_code", "section"], true),
        (StaffField.Position, "役職", ["position"], false),
        (StaffField.ActiveFrom, "任用開始日", ["採用日", "active_from"], false),
        (StaffField.ActiveTo, "任用終了日", ["退職日", "active_to"], false),
    ];

    /// <summary>Keeps the uploaded file and returns its preview; a file that cannot be read is not kept.</summary>
    public async Task<StaffImportPreview> StageAsync(string fileName, byte[] content, CancellationToken cancellationToken = default)
    {
        var plan = await PlanAsync(content, cancellationToken);
        Guid? batchId = null;
        if (plan.File is not null)
        {
            var batch = NewBatch(fileName, content);
            db.ImportBatches.Add(batch);
            await db.SaveChangesAsync(cancellationToken);
            batchId = batch.Id;
        }
        return plan.ToPreview(batchId, Path.GetFileName(fileName));
    }

    /// <summary>The preview of a kept file, computed again against the current staff list.</summary>
    public async Task<Result<StaffImportPreview>> PreviewAsync(Guid batchId, CancellationToken cancellationToken = default)
    {
        var batch = await db.ImportBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == batchId && b.Kind == Kind && b.CommittedAt == null, cancellationToken);
        if (batch is null) return new NotFoundError(new("取込ファイル", "The uploaded file"));
        var plan = await PlanAsync(batch.Content, cancellationToken);
        return plan.ToPreview(batch.Id, batch.FileName);
    }

    /// <summary>Applies a kept file: all of it, in one transaction, or nothing when any row has a problem.</summary>
    public async Task<Result<StaffImportPreview>> CommitAsync(Guid batchId, CancellationToken cancellationToken = default)
    {
        var batch = await db.ImportBatches.SingleOrDefaultAsync(b => b.Id == batchId && b.Kind == Kind && b.CommittedAt == null, cancellationToken);
        if (batch is null) return new NotFoundError(new("取込ファイル", "The uploaded file"));
        var plan = await PlanAsync(batch.Content, cancellationToken, track: true);
        return await ApplyAsync(batch, plan, cancellationToken);
    }

    /// <summary>
    /// Reads, checks and applies a file in one go (the API's <c>commit=true</c>): the file is planned
    /// once; with any problem nothing is kept or changed.
    /// </summary>
    public async Task<Result<StaffImportPreview>> CommitNowAsync(string fileName, byte[] content, CancellationToken cancellationToken = default)
    {
        var plan = await PlanAsync(content, cancellationToken, track: true);
        if (plan.File is null || plan.Problems.Count > 0) return new ImportRefused(plan.Problems);
        var batch = NewBatch(fileName, content);
        db.ImportBatches.Add(batch);
        return await ApplyAsync(batch, plan, cancellationToken);
    }

    private async Task<Result<StaffImportPreview>> ApplyAsync(ImportBatch batch, Plan plan, CancellationToken cancellationToken)
    {
        var preview = plan.ToPreview(batch.Id, batch.FileName);
        if (plan.Problems.Count > 0) return new ImportRefused(plan.Problems);
        db.AddMany(plan.NewStaff);
        batch.CommittedAt = db.Time.GetUtcNow();
        db.Audit("staff.import_committed", nameof(ImportBatch), batch.Id.ToString(), AuditJson.Of(new
        {
            file = batch.FileName,
            sha256 = batch.ContentHash,
            added = preview.Added.Count,
            changed = preview.Changed.Count,
            deactivated = preview.Deactivated.Count,
            unchanged = preview.Unchanged,
        }));
        await StaffAccounts.SyncAsync(db, plan.DeactivatedStaff, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return preview;
    }

    private ImportBatch NewBatch(string fileName, byte[] content) => new()
    {
        Id = Guid.NewGuid(),
        Kind = Kind,
        FileName = Path.GetFileName(fileName),
        Content = content,
        ContentHash = Convert.ToHexString(SHA256.HashData(content)),
        UploadedBy = db.TenantScope.ActorUserId ?? Guid.Empty,
        UploadedAt = db.Time.GetUtcNow(),
    };

    private sealed record Plan(
        TabularFile? File,
        List<TabularProblem> Problems,
        List<StaffChange> Added,
        List<StaffChange> Changed,
        List<StaffChange> Deactivated,
        int Unchanged,
        List<StaffMember> NewStaff,
        List<StaffMember> DeactivatedStaff)
    {
        public StaffImportPreview ToPreview(Guid? batchId, string fileName) =>
            new(batchId, fileName, File?.Format ?? "", File?.Rows.Count ?? 0, Added, Changed, Deactivated, Unchanged, Problems);
    }

    private async Task<Plan> PlanAsync(byte[] content, CancellationToken cancellationToken, bool track = false)
    {
        var read = TabularFile.Read(content);
        if (!read.IsOk) return new Plan(null, [.. ((TabularError)read.Error!).Problems], [], [], [], 0, [], []);
        var file = read.Value;
        var problems = new List<TabularProblem>();

        var columns = MapColumns(file.Header, problems);
        if (problems.Count > 0) return new Plan(file, problems, [], [], [], 0, [], []);

        var sections = await db.OrgUnits.AsNoTracking().Where(u => u.Kind != OrgUnitKind.Department)
            .ToDictionaryAsync(u => u.Code, cancellationToken);
        // Read without tracking (fast for tens of thousands); only the rows that change are attached.
        var existing = await db.Staff.AsNoTracking().ToDictionaryAsync(s => s.StaffNumber, cancellationToken);
        var today = JapanTime.Today(db.Time);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var added = new List<StaffChange>();
        var changed = new List<StaffChange>();
        var newStaff = new List<StaffMember>();
        var unchanged = 0;

        foreach (var row in file.Rows)
        {
            string Cell(StaffField field) => columns.TryGetValue(field, out var index) ? row.Cell(index).Trim() : "";
            string Header(StaffField field) => columns.TryGetValue(field, out var index) ? file.Header[index] : StaffRules.Label(field).Ja;
            var rowProblems = problems.Count;

            var employmentText = Cell(StaffField.Employment);
            var employment = StaffRules.ParseEmployment(employmentText);
            if (employment is null && employmentText.Length > 0)
                problems.Add(new(row.Number, Header(StaffField.Employment), employmentText,
                    new($"「{employmentText}」は雇用区分として使えません（正規・条件付採用・会計年度任用・再任用のいずれか）",
                        $"\"{employmentText}\" is not an employment type (正規, 条件付採用, 会計年度任用 or 再任用)")));
            var fromText = Cell(StaffField.ActiveFrom);
            var toText = Cell(StaffField.ActiveTo);
            var from = StaffRules.ParseDate(fromText);
            var to = StaffRules.ParseDate(toText);
            if (fromText.Length > 0 && from is null) problems.Add(BadDate(row.Number, Header(StaffField.ActiveFrom), fromText));
            if (toText.Length > 0 && to is null) problems.Add(BadDate(row.Number, Header(StaffField.ActiveTo), toText));

            var number = Cell(StaffField.StaffNumber);
            existing.TryGetValue(number, out var current);
            var input = new StaffInput
            {
                StaffNumber = number,
                FamilyName = Cell(StaffField.FamilyName),
                GivenName = Cell(StaffField.GivenName),
                FamilyNameKana = Cell(StaffField.FamilyNameKana),
                GivenNameKana = Cell(StaffField.GivenNameKana),
                Email = Cell(StaffField.Email),
                Employment = employment,
                Position = Cell(StaffField.Position),
                ActiveFrom = from ?? current?.ActiveFrom ?? today,
                ActiveTo = to,
            };
            foreach (var p in StaffRules.Check(input))
            {
                if (p.Field == StaffField.Employment && employmentText.Length > 0) continue;
                problems.Add(new(row.Number, Header(p.Field), p.Value, p.Problem));
            }

            var sectionCode = Cell(StaffField.SectionCode);
            OrgUnit? section = null;
            if (sectionCode.Length == 0)
                problems.Add(new(row.Number, Header(StaffField.SectionCode), "", new("入力されていません（必須）", "is required")));
            else if (!sections.TryGetValue(sectionCode, out section) || !section.Active)
                problems.Add(new(row.Number, Header(StaffField.SectionCode), sectionCode,
                    new($"所属コード「{sectionCode}」の課・係は登録されていません", $"no section or unit has the code \"{sectionCode}\"")));

            if (number.Length > 0)
            {
                if (seen.TryGetValue(number, out var firstRow))
                    problems.Add(new(row.Number, Header(StaffField.StaffNumber), number,
                        new($"職員番号「{number}」が{firstRow}行目と重複しています", $"staff number \"{number}\" is also on row {firstRow}")));
                else seen[number] = row.Number;
            }
            if (problems.Count > rowProblems) continue;

            var candidate = new StaffMember
            {
                Id = Guid.NewGuid(),
                StaffNumber = number,
                FamilyName = input.FamilyName!,
                GivenName = input.GivenName!,
                FamilyNameKana = input.FamilyNameKana!,
                GivenNameKana = input.GivenNameKana!,
                Email = string.IsNullOrEmpty(input.Email) ? null : input.Email,
                Employment = employment!.Value,
                SectionId = section!.Id,
                Position = string.IsNullOrEmpty(input.Position) ? null : input.Position,
                ActiveFrom = input.ActiveFrom!.Value,
                ActiveTo = to,
            };
            candidate.RefreshSearchKeys();
            if (current is null)
            {
                added.Add(new StaffChange(row.Number, number, candidate.FullName, []));
                newStaff.Add(candidate);
                continue;
            }
            var fields = Differences(current, candidate, sections.Values);
            if (fields.Count == 0)
            {
                unchanged++;
                continue;
            }
            changed.Add(new StaffChange(row.Number, number, candidate.FullName, fields));
            if (track)
            {
                db.Staff.Attach(current);
                Copy(candidate, current);
            }
        }

        var deactivated = new List<StaffChange>();
        var deactivatedStaff = new List<StaffMember>();
        var lastDay = today.AddDays(-1);
        foreach (var staff in existing.Values.Where(s => !seen.ContainsKey(s.StaffNumber) && (s.ActiveTo is null || s.ActiveTo >= today)))
        {
            deactivated.Add(new StaffChange(null, staff.StaffNumber, staff.FullName,
                [new FieldChange(StaffField.ActiveTo, Format(staff.ActiveTo), Format(lastDay < staff.ActiveFrom ? staff.ActiveFrom : lastDay))]));
            if (track)
            {
                db.Staff.Attach(staff);
                staff.ActiveTo = lastDay < staff.ActiveFrom ? staff.ActiveFrom : lastDay;
                deactivatedStaff.Add(staff);
            }
        }
        return new Plan(file, problems, added, changed, deactivated, unchanged, newStaff, deactivatedStaff);
    }

    private static Dictionary<StaffField, int> MapColumns(IReadOnlyList<string> header, List<TabularProblem> problems)
    {
        var map = new Dictionary<StaffField, int>();
        for (var i = 0; i < header.Count; i++)
        {
            var name = Normalize(header[i]);
            var column = Columns.FirstOrDefault(c => Normalize(c.Header) == name || c.Aliases.Any(a => Normalize(a) == name));
            if (column.Header is null) continue;
            if (map.ContainsKey(column.Field))
                problems.Add(new(1, header[i], header[i], new($"列「{column.Header}」が2つあります", $"the column \"{column.Header}\" appears twice")));
            else map[column.Field] = i;
        }
        foreach (var column in Columns.Where(c => c.Required && !map.ContainsKey(c.Field)))
            problems.Add(new(1, column.Header, "", new($"必須の列「{column.Header}」がありません", $"the required column \"{column.Header}\" is missing")));
        return map;
    }

    private static string Normalize(string header) =>
        header.Trim().Normalize(System.Text.NormalizationForm.FormKC).Replace("(", "（", StringComparison.Ordinal).Replace(")", "）", StringComparison.Ordinal).ToLowerInvariant();

    private static List<FieldChange> Differences(StaffMember before, StaffMember after, IEnumerable<OrgUnit> sections)
    {
        var changes = new List<FieldChange>();
        void Compare(StaffField field, string? a, string? b)
        {
            if (!string.Equals(a ?? "", b ?? "", StringComparison.Ordinal)) changes.Add(new FieldChange(field, a ?? "", b ?? ""));
        }
        Compare(StaffField.FamilyName, before.FamilyName, after.FamilyName);
        Compare(StaffField.GivenName, before.GivenName, after.GivenName);
        Compare(StaffField.FamilyNameKana, before.FamilyNameKana, after.FamilyNameKana);
        Compare(StaffField.GivenNameKana, before.GivenNameKana, after.GivenNameKana);
        Compare(StaffField.Email, before.Email, after.Email);
        Compare(StaffField.Employment, StaffRules.EmploymentCode(before.Employment), StaffRules.EmploymentCode(after.Employment));
        if (before.SectionId != after.SectionId)
        {
            var codes = sections.ToDictionary(s => s.Id, s => s.Code);
            changes.Add(new FieldChange(StaffField.SectionCode, codes.GetValueOrDefault(before.SectionId, ""), codes.GetValueOrDefault(after.SectionId, "")));
        }
        Compare(StaffField.Position, before.Position, after.Position);
        Compare(StaffField.ActiveFrom, Format(before.ActiveFrom), Format(after.ActiveFrom));
        Compare(StaffField.ActiveTo, Format(before.ActiveTo), Format(after.ActiveTo));
        return changes;
    }

    private static void Copy(StaffMember from, StaffMember to)
    {
        to.FamilyName = from.FamilyName;
        to.GivenName = from.GivenName;
        to.FamilyNameKana = from.FamilyNameKana;
        to.GivenNameKana = from.GivenNameKana;
        to.Email = from.Email;
        to.Employment = from.Employment;
        to.SectionId = from.SectionId;
        to.Position = from.Position;
        to.ActiveFrom = from.ActiveFrom;
        to.ActiveTo = from.ActiveTo;
        to.RefreshSearchKeys();
    }

    private static TabularProblem BadDate(int row, string column, string value) =>
        new(row, column, value, new($"「{value}」は日付として読めません（例: 2026-04-01）", $"\"{value}\" is not a date (e.g. 2026-04-01)"));

    private static string Format(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>The rows of the staff list as the export writes them (the same columns the import reads).</summary>
    public static async Task<(IReadOnlyList<string> Header, List<IReadOnlyList<string?>> Rows)> ExportAsync(ZaitakuDb db, CancellationToken cancellationToken)
    {
        var sections = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Code, cancellationToken);
        var staff = await db.Staff.AsNoTracking().OrderBy(s => s.StaffNumber).ToListAsync(cancellationToken);
        var rows = staff.Select(s => (IReadOnlyList<string?>)
        [
            s.StaffNumber, s.FamilyName, s.GivenName, s.FamilyNameKana, s.GivenNameKana, s.Email,
            StaffRules.EmploymentCode(s.Employment), sections.GetValueOrDefault(s.SectionId), s.Position, Format(s.ActiveFrom), Format(s.ActiveTo),
        ]).ToList();
        return (Columns.Select(c => c.Header).ToList(), rows);
    }
}
