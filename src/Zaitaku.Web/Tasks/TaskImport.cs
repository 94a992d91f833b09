using System.Globalization;
using System.IO.Compression;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Data;
using Zaitaku.Data.Audit;
using Zaitaku.Data.Imports;
using Zaitaku.Data.Tasks;
using Zaitaku.Tasks;
using Zaitaku.Web.Problems;
using Zaitaku.Web.Security;
using Zaitaku.Web.Tabular;

namespace Zaitaku.Web.Tasks;

/// <summary>A column of the inventory file: its Japanese header, the English name also accepted, whether required, whether only exported.</summary>
public sealed record TaskColumn(string Key, string Header, string English, bool Required, bool ExportOnly = false);

/// <summary>A task an import adds, changes or removes.</summary>
public sealed record TaskChange(int? Row, string Code, string Name, string SectionCode, IReadOnlyList<string> Changes);

/// <summary>What an inventory import would do, or the problems that stop it.</summary>
public sealed record TaskImportPreview(
    Guid? BatchId,
    string FileName,
    int TaskRows,
    int AssignmentRows,
    bool HasAssignments,
    IReadOnlyList<string> SectionCodes,
    IReadOnlyList<TaskChange> Added,
    IReadOnlyList<TaskChange> Changed,
    IReadOnlyList<TaskChange> Removed,
    int Unchanged,
    int SharesAdded,
    int SharesChanged,
    int SharesRemoved,
    IReadOnlyList<TabularProblem> Problems)
{
    public bool CanCommit => Problems.Count == 0 && BatchId is not null;
}

/// <summary>The file has problems; nothing was changed.</summary>
public sealed record TaskImportRefused(IReadOnlyList<TabularProblem> Problems) : Error("task_import_refused",
    new($"取込ファイルに{Problems.Count}件の誤りがあるため、何も変更していません。{(Problems.Count > 0 ? Problems[0].Located.Ja : "")}",
        $"The file has {Problems.Count} problem(s); nothing was changed. {(Problems.Count > 0 ? Problems[0].Located.En : "")}"));

/// <summary>
/// 業務棚卸し表 — the inventory as a workbook (sheets 業務一覧 and 担当割合) or two CSV files. A
/// section listed in 業務一覧 gets exactly the file's tasks (tasks missing from the file are
/// removed); with 担当割合, the file's tasks get exactly the file's shares. Every row is checked;
/// any problem and nothing is changed. Sections not in the file are left as they are.
/// </summary>
public sealed class TaskImport(ZaitakuDb db)
{
    public const string Kind = "tasks";
    public const string TasksSheet = "業務一覧";
    public const string SharesSheet = "担当割合";

    public static readonly IReadOnlyList<TaskColumn> TaskColumns =
    [
        new("section", "所属コード", "section_code", true),
        new("sectionName", "所属名", "section_name", false, ExportOnly: true),
        new("code", "業務ID", "task_id", true),
        new("name", "業務名", "task_name", true),
        new("counter", "窓口業務", "counter_work", false),
        new("confidential", "機微な個人情報", "confidential_personal_data", false),
        new("systems", "使用システム", "systems", false),
        new("paper", "紙の原本", "paper_originals", false),
        new("sameRoom", "対面での作業", "same_room", false),
        new("class", "判定", "class", false, ExportOnly: true),
        new("reasons", "判定理由", "reasons", false, ExportOnly: true),
        new("override", "所属長判断", "override_class", false),
        new("justification", "判断理由", "override_justification", false),
        new("decidedBy", "判断者・判断日時", "override_by", false, ExportOnly: true),
    ];

    public static readonly IReadOnlyList<TaskColumn> ShareColumns =
    [
        new("staff", "職員番号", "staff_number", true),
        new("staffName", "氏名", "name", false, ExportOnly: true),
        new("code", "業務ID", "task_id", true),
        new("percent", "割合（%）", "percent", true),
    ];

    /// <summary>Keeps the uploaded files and returns their preview; files that cannot be read are not kept.</summary>
    public async Task<TaskImportPreview> StageAsync(ClaimsPrincipal user, IReadOnlyList<(string Name, byte[] Content)> files, CancellationToken cancellationToken = default)
    {
        var plan = await PlanAsync(user, files, cancellationToken);
        Guid? batchId = null;
        if (plan.Read)
        {
            var batch = NewBatch(files);
            db.ImportBatches.Add(batch);
            await db.SaveChangesAsync(cancellationToken);
            batchId = batch.Id;
        }
        return plan.ToPreview(batchId, FileName(files));
    }

    /// <summary>The preview of kept files, computed again against the current inventory.</summary>
    public async Task<Result<TaskImportPreview>> PreviewAsync(ClaimsPrincipal user, Guid batchId, CancellationToken cancellationToken = default)
    {
        var batch = await db.ImportBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == batchId && b.Kind == Kind && b.CommittedAt == null, cancellationToken);
        if (batch is null) return new NotFoundError(new("取込ファイル", "The uploaded file"));
        var plan = await PlanAsync(user, Unpack(batch.Content), cancellationToken);
        return plan.ToPreview(batch.Id, batch.FileName);
    }

    /// <summary>Applies kept files: all of them in one transaction, or nothing when any row has a problem.</summary>
    public async Task<Result<TaskImportPreview>> CommitAsync(ClaimsPrincipal user, Guid batchId, CancellationToken cancellationToken = default)
    {
        var batch = await db.ImportBatches.SingleOrDefaultAsync(b => b.Id == batchId && b.Kind == Kind && b.CommittedAt == null, cancellationToken);
        if (batch is null) return new NotFoundError(new("取込ファイル", "The uploaded file"));
        var plan = await PlanAsync(user, Unpack(batch.Content), cancellationToken);
        return await ApplyAsync(user, batch, plan, cancellationToken);
    }

    /// <summary>Reads, checks and applies files in one go; with any problem nothing is kept or changed.</summary>
    public async Task<Result<TaskImportPreview>> CommitNowAsync(ClaimsPrincipal user, IReadOnlyList<(string Name, byte[] Content)> files, CancellationToken cancellationToken = default)
    {
        var plan = await PlanAsync(user, files, cancellationToken);
        if (!plan.Read || plan.Problems.Count > 0) return new TaskImportRefused(plan.Problems);
        var batch = NewBatch(files);
        db.ImportBatches.Add(batch);
        return await ApplyAsync(user, batch, plan, cancellationToken);
    }

    private async Task<Result<TaskImportPreview>> ApplyAsync(ClaimsPrincipal user, ImportBatch batch, Plan plan, CancellationToken cancellationToken)
    {
        var preview = plan.ToPreview(batch.Id, batch.FileName);
        if (plan.Problems.Count > 0) return new TaskImportRefused(plan.Problems);
        var now = db.Time.GetUtcNow();
        var existing = await db.Tasks.Where(t => plan.SectionIds.Contains(t.SectionId) || plan.Codes.Contains(t.Code)).ToListAsync(cancellationToken);
        var byCode = existing.ToDictionary(t => t.Code, StringComparer.Ordinal);
        var keptIds = new HashSet<Guid>();
        foreach (var row in plan.Tasks)
        {
            if (!byCode.TryGetValue(row.Code, out var task))
            {
                task = new InventoryTask { Id = Guid.NewGuid(), Code = row.Code, Name = row.Name };
                db.Tasks.Add(task);
                byCode[row.Code] = task;
            }
            keptIds.Add(task.Id);
            task.SectionId = row.SectionId;
            task.Name = row.Name;
            task.CounterWork = row.CounterWork;
            task.ConfidentialPersonalData = row.Confidential;
            task.SystemIds = row.SystemIds;
            task.PaperOriginals = row.Paper;
            task.SameRoom = row.SameRoom;
            task.SortOrder = row.Order;
            if (task.OverrideClass != row.Override || (row.Override is not null && task.OverrideJustification != row.Justification))
            {
                if (row.Override is { } decided)
                {
                    task.OverrideClass = decided;
                    task.OverrideJustification = row.Justification;
                    task.OverrideByUserId = user.GetUserId();
                    task.OverrideByName = user.ActorName();
                    task.OverrideAt = now;
                    db.Audit("task.override", nameof(InventoryTask), task.Id.ToString(), AuditJson.Of(new
                    {
                        task = row.Code, name = row.Name, computed = row.Computed.ToCode(), decided = decided.ToCode(), justification = row.Justification,
                        reasons = row.Reasons, import = batch.Id,
                    }));
                }
                else
                {
                    db.Audit("task.override_cleared", nameof(InventoryTask), task.Id.ToString(), AuditJson.Of(new
                    {
                        task = row.Code, name = row.Name, was = task.OverrideClass?.ToCode(), computed = row.Computed.ToCode(), import = batch.Id,
                    }));
                    task.OverrideClass = null;
                    task.OverrideJustification = null;
                    task.OverrideByUserId = null;
                    task.OverrideByName = null;
                    task.OverrideAt = null;
                }
            }
        }

        var removed = existing.Where(t => !keptIds.Contains(t.Id)).ToList();
        var removedIds = removed.Select(t => t.Id).ToList();
        var touched = plan.HasShares ? keptIds.Concat(removedIds).ToList() : removedIds;
        var currentShares = await db.TaskAssignments.Where(a => touched.Contains(a.TaskId)).ToListAsync(cancellationToken);
        if (plan.HasShares)
        {
            var wanted = plan.Shares.ToDictionary(s => (byCode[s.Code].Id, s.StaffId), s => s.Percent);
            foreach (var share in currentShares)
            {
                if (!wanted.TryGetValue((share.TaskId, share.StaffId), out var percent)) db.TaskAssignments.Remove(share);
                else if (share.Percent != percent) share.Percent = percent;
                wanted.Remove((share.TaskId, share.StaffId));
            }
            foreach (var ((taskId, staffId), percent) in wanted)
                db.TaskAssignments.Add(new TaskAssignmentEntry { Id = Guid.NewGuid(), TaskId = taskId, StaffId = staffId, Percent = percent });
        }
        else
        {
            db.TaskAssignments.RemoveRange(currentShares);
        }
        db.Tasks.RemoveRange(removed);

        batch.CommittedAt = now;
        db.Audit("task.import_committed", nameof(ImportBatch), batch.Id.ToString(), AuditJson.Of(new
        {
            file = batch.FileName,
            sha256 = batch.ContentHash,
            sections = plan.SectionCodes,
            added = preview.Added.Count,
            changed = preview.Changed.Count,
            removed = preview.Removed.Count,
            unchanged = preview.Unchanged,
            sharesAdded = preview.SharesAdded,
            sharesChanged = preview.SharesChanged,
            sharesRemoved = preview.SharesRemoved,
        }));
        await db.SaveChangesAsync(cancellationToken);
        return preview;
    }

    private ImportBatch NewBatch(IReadOnlyList<(string Name, byte[] Content)> files)
    {
        var content = Pack(files);
        return new ImportBatch
        {
            Id = Guid.NewGuid(),
            Kind = Kind,
            FileName = FileName(files),
            Content = content,
            ContentHash = Convert.ToHexString(SHA256.HashData(content)),
            UploadedBy = db.TenantScope.ActorUserId ?? Guid.Empty,
            UploadedAt = db.Time.GetUtcNow(),
        };
    }

    private static string FileName(IReadOnlyList<(string Name, byte[] Content)> files)
    {
        var name = string.Join(" + ", files.Select(f => Path.GetFileName(f.Name)));
        return name.Length > 250 ? name[..250] : name;
    }

    // The files of one upload kept together as one zip, so the preview and the commit read exactly what was uploaded.
    private static byte[] Pack(IReadOnlyList<(string Name, byte[] Content)> files)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < files.Count; i++)
            {
                var entry = zip.CreateEntry($"{i}/{Path.GetFileName(files[i].Name)}", CompressionLevel.Fastest);
                using var stream = entry.Open();
                stream.Write(files[i].Content);
            }
        }
        return output.ToArray();
    }

    private static List<(string Name, byte[] Content)> Unpack(byte[] content)
    {
        using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
        var files = new List<(string, byte[])>();
        foreach (var entry in zip.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal))
        {
            using var stream = entry.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            files.Add((entry.Name, buffer.ToArray()));
        }
        return files;
    }

    private sealed record TaskRow(int Row, string Code, string Name, Guid SectionId, string SectionCode, bool CounterWork, bool Confidential,
        List<Guid> SystemIds, Frequency Paper, Frequency SameRoom, TeleworkClass? Override, string? Justification, TeleworkClass Computed, string[] Reasons, int Order);

    private sealed record ShareRow(int Row, Guid StaffId, string StaffNumber, string Code, int Percent);

    private sealed class Plan
    {
        public bool Read { get; set; }
        public List<TabularProblem> Problems { get; } = [];
        public List<TaskRow> Tasks { get; } = [];
        public List<ShareRow> Shares { get; } = [];
        public bool HasShares { get; set; }
        public HashSet<Guid> SectionIds { get; } = [];
        public List<string> SectionCodes { get; } = [];
        public HashSet<string> Codes { get; } = new(StringComparer.Ordinal);
        public List<TaskChange> Added { get; } = [];
        public List<TaskChange> Changed { get; } = [];
        public List<TaskChange> Removed { get; } = [];
        public int Unchanged { get; set; }
        public int SharesAdded { get; set; }
        public int SharesChanged { get; set; }
        public int SharesRemoved { get; set; }

        public TaskImportPreview ToPreview(Guid? batchId, string fileName) =>
            new(batchId, fileName, Tasks.Count, Shares.Count, HasShares, SectionCodes, Added, Changed, Removed, Unchanged, SharesAdded, SharesChanged, SharesRemoved, Problems);
    }

    private async Task<Plan> PlanAsync(ClaimsPrincipal user, IReadOnlyList<(string Name, byte[] Content)> files, CancellationToken cancellationToken)
    {
        var plan = new Plan();
        TabularFile? tasksTable = null, sharesTable = null;
        string tasksSheet = TasksSheet, sharesSheet = SharesSheet;
        foreach (var (name, content) in files)
        {
            var read = TabularFile.ReadSheets(content);
            if (!read.IsOk)
            {
                plan.Problems.AddRange(((TabularError)read.Error!).Problems.Select(p => p with { Sheet = Path.GetFileName(name) }));
                continue;
            }
            foreach (var (sheet, table) in read.Value)
            {
                var label = sheet == "CSV" ? Path.GetFileName(name) : sheet;
                var isShares = HasColumn(table.Header, ShareColumns[0]) && !HasColumn(table.Header, TaskColumns[0]);
                if (isShares)
                {
                    if (sharesTable is not null) plan.Problems.Add(new(null, null, "", new("担当割合の表が2つあります。1つにまとめてください。", "There are two tables of shares; keep one."), label));
                    sharesTable = table;
                    sharesSheet = label;
                }
                else if (HasColumn(table.Header, TaskColumns[0]) || HasColumn(table.Header, TaskColumns[2]))
                {
                    if (tasksTable is not null) plan.Problems.Add(new(null, null, "", new("業務一覧の表が2つあります。1つにまとめてください。", "There are two task lists; keep one."), label));
                    tasksTable = table;
                    tasksSheet = label;
                }
            }
        }
        if (plan.Problems.Count > 0) return plan;
        if (tasksTable is null)
        {
            plan.Problems.Add(new(null, null, "", new("業務一覧（見出しに「所属コード」「業務ID」「業務名」）が見つかりません。", "No task list (headers 所属コード, 業務ID, 業務名) was found.")));
            return plan;
        }
        plan.Read = true;
        plan.HasShares = sharesTable is not null;

        var taskColumns = MapColumns(tasksTable.Header, TaskColumns, tasksSheet, plan.Problems);
        var shareColumns = sharesTable is null ? [] : MapColumns(sharesTable.Header, ShareColumns, sharesSheet, plan.Problems);
        if (plan.Problems.Count > 0) return plan;

        var org = await OrgSections.LoadAsync(db, cancellationToken);
        var units = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Code, StringComparer.Ordinal, cancellationToken);
        var systems = await db.Systems.AsNoTracking().ToListAsync(cancellationToken);
        var systemsBySlug = systems.ToDictionary(s => s.Slug, StringComparer.Ordinal);
        var systemsById = systems.ToDictionary(s => s.Id);
        var stored = await db.Tasks.AsNoTracking().ToDictionaryAsync(t => t.Code, StringComparer.Ordinal, cancellationToken);
        var canOverride = new Dictionary<Guid, bool>();

        // 業務一覧
        var order = 0;
        foreach (var row in tasksTable.Rows)
        {
            string Cell(string key) => taskColumns.TryGetValue(key, out var i) ? row.Cell(i).Trim() : "";
            string Header(string key) => taskColumns.TryGetValue(key, out var i) ? tasksTable.Header[i] : TaskColumns.First(c => c.Key == key).Header;
            void Problem(string key, string value, LocalizedText message) => plan.Problems.Add(new(row.Number, Header(key), value, message, tasksSheet));
            var before = plan.Problems.Count;

            var sectionCode = Cell("section");
            OrgSection? section = null;
            if (sectionCode.Length == 0) Problem("section", "", new("入力されていません（必須）", "is required"));
            else if (org.ByCode.TryGetValue(sectionCode, out section))
            {
                if (!user.CanEditSection(section.Id))
                    Problem("section", sectionCode, new($"所属「{section.Name}」の業務を取り込む権限がありません", $"you may not import the tasks of \"{section.Name}\""));
            }
            else if (units.TryGetValue(sectionCode, out var unit) && unit.Kind != Zaitaku.Organization.OrgUnitKind.Section)
                Problem("section", sectionCode, new($"「{unit.Name}」は課・室ではありません。業務は課・室のコードで登録してください", $"\"{unit.Name}\" is not a section; list tasks under a section's code"));
            else Problem("section", sectionCode, new($"所属コード「{sectionCode}」の課・室は登録されていません", $"no section has the code \"{sectionCode}\""));

            var code = Cell("code");
            if (code.Length == 0) Problem("code", "", new("入力されていません（必須）", "is required"));
            else if (!TaskService.IsValidCode(code)) Problem("code", code, new("英数字と _ . - の32文字以内で入力してください", "use up to 32 letters, digits, _ . -"));
            else if (!plan.Codes.Add(code))
                Problem("code", code, new($"業務ID「{code}」が{plan.Tasks.FirstOrDefault(t => t.Code == code)?.Row ?? 0}行目と重複しています", $"task id \"{code}\" is also on row {plan.Tasks.FirstOrDefault(t => t.Code == code)?.Row ?? 0}"));

            var name = Cell("name");
            if (name.Length == 0) Problem("name", "", new("入力されていません（必須）", "is required"));
            else if (name.Length > TaskService.MaxNameLength) Problem("name", name[..20] + "…", new($"{TaskService.MaxNameLength}文字以内にしてください", $"keep it within {TaskService.MaxNameLength} characters"));

            var counter = ParseFlag(Cell("counter"));
            if (counter is null) Problem("counter", Cell("counter"), FlagProblem());
            var confidential = ParseFlag(Cell("confidential"));
            if (confidential is null) Problem("confidential", Cell("confidential"), FlagProblem());

            var systemIds = new List<Guid>();
            foreach (var slug in Cell("systems").Split([';', '；', ',', '、', ' ', '　'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (systemsBySlug.TryGetValue(slug, out var system)) { if (!systemIds.Contains(system.Id)) systemIds.Add(system.Id); }
                else Problem("systems", slug, new($"システムID「{slug}」は登録されていません（庁内システムの画面のID を「;」区切りで）", $"no system has the id \"{slug}\" (ids from Internal systems, separated by \";\")"));
            }

            if (!TeleworkClassText.TryParseFrequency(Cell("paper"), out var paper)) Problem("paper", Cell("paper"), FrequencyProblem());
            if (!TeleworkClassText.TryParseFrequency(Cell("sameRoom"), out var sameRoom)) Problem("sameRoom", Cell("sameRoom"), FrequencyProblem());

            TeleworkClass? decided = null;
            var decidedText = Cell("override");
            var justification = Cell("justification");
            if (decidedText.Length > 0)
            {
                if (TeleworkClassText.TryParse(decidedText, out var parsed)) decided = parsed;
                else Problem("override", decidedText, new("在宅可・交代制なら可・不可 のいずれか（判断なしは空欄）にしてください", "use 在宅可, 交代制なら可 or 不可 (empty for no decision)"));
            }
            else if (justification.Length > 0)
            {
                Problem("override", "", new("判断理由があるのに所属長判断が空欄です", "there is a justification but no decision"));
            }
            if (plan.Problems.Count > before) continue;

            var work = new WorkTask(code, section!.Code, name, counter!.Value, confidential!.Value,
                systemIds.Select(id => InventoryLoader.ToSystemRef(id, systemsById)).ToList(), paper, sameRoom);
            var computed = TaskClassifier.Classify(work);
            stored.TryGetValue(code, out var current);
            var sameDecision = current?.OverrideClass == decided && (decided is null || current!.OverrideJustification == justification);
            if (current is not null && current.SectionId != section.Id && !user.CanEditSection(current.SectionId))
                Problem("code", code, new("この業務IDは、取り込む権限のない所属の業務です", "this task id belongs to a section you may not change"));
            if (decided is { } d)
            {
                var check = TaskClassifier.WithOverride(work, d, justification, user.ActorName(), db.Time.GetUtcNow());
                if (!check.IsOk)
                {
                    var error = (TaskInputError)check.Error!;
                    var key = error.Field.EndsWith("justification", StringComparison.Ordinal) ? "justification" : "override";
                    Problem(key, key == "override" ? decidedText : justification, new(Detail(error.Message.Ja), Detail(error.Message.En)));
                }
            }
            if (!sameDecision && !(canOverride.TryGetValue(section.Id, out var may) ? may : canOverride[section.Id] = user.CanOverride(section.Id)))
                Problem("override", decidedText, new("所属長判断を変えられるのは、その所属の所属長と人事課だけです", "only the section's head or HR may change the decision"));
            if (plan.Problems.Count > before) continue;

            if (plan.SectionIds.Add(section.Id)) plan.SectionCodes.Add(section.Code);
            plan.Tasks.Add(new TaskRow(row.Number, code, name, section.Id, section.Code, counter.Value, confidential.Value, systemIds, paper, sameRoom,
                decided, decided is null ? null : justification, computed.Computed, computed.Reasons.Select(r => r.Code).ToArray(), order++));
        }

        // 担当割合
        var staff = await db.Staff.AsNoTracking().ToDictionaryAsync(s => s.StaffNumber, StringComparer.Ordinal, cancellationToken);
        var today = JapanTime.Today(db.Time);
        if (sharesTable is not null)
        {
            var fileCodes = plan.Tasks.Select(t => t.Code).ToHashSet(StringComparer.Ordinal);
            var allCodes = plan.Codes;
            var seen = new Dictionary<(string, string), int>();
            foreach (var row in sharesTable.Rows)
            {
                string Cell(string key) => shareColumns.TryGetValue(key, out var i) ? row.Cell(i).Trim() : "";
                string Header(string key) => shareColumns.TryGetValue(key, out var i) ? sharesTable.Header[i] : ShareColumns.First(c => c.Key == key).Header;
                void Problem(string key, string value, LocalizedText message) => plan.Problems.Add(new(row.Number, Header(key), value, message, sharesSheet));
                var before = plan.Problems.Count;

                var number = Cell("staff");
                Zaitaku.Organization.StaffMember? member = null;
                if (number.Length == 0) Problem("staff", "", new("入力されていません（必須）", "is required"));
                else if (!staff.TryGetValue(number, out member) || !member.IsActiveOn(today))
                    Problem("staff", number, new($"職員番号「{number}」の在職中の職員はいません", $"no employed staff member has the number \"{number}\""));

                var code = Cell("code");
                if (code.Length == 0) Problem("code", "", new("入力されていません（必須）", "is required"));
                else if (!allCodes.Contains(code))
                    Problem("code", code, new($"業務ID「{code}」は「{tasksSheet}」にありません", $"task id \"{code}\" is not in \"{tasksSheet}\""));

                var percentText = Cell("percent").TrimEnd('%', '％').Trim();
                if (!int.TryParse(percentText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var percent) || percent is < 1 or > 100)
                    Problem("percent", Cell("percent"), new("1～100 の整数で入力してください", "use a whole number from 1 to 100"));

                if (plan.Problems.Count > before) continue;
                if (seen.TryGetValue((number, code), out var first))
                {
                    Problem("code", code, new($"同じ職員・業務の組み合わせが{first}行目にもあります（割合は1行にまとめてください）", $"the same staff member and task are on row {first} too (put the share in one row)"));
                    continue;
                }
                seen[(number, code)] = row.Number;
                if (fileCodes.Contains(code)) plan.Shares.Add(new ShareRow(row.Number, member!.Id, number, code, percent));
            }
        }
        if (plan.Problems.Count > 0) return plan;

        // Each staff member's shares: the file's, and those on tasks the import leaves alone.
        var replacedIds = stored.Values.Where(t => plan.SectionIds.Contains(t.SectionId) || plan.Codes.Contains(t.Code)).Select(t => t.Id).ToHashSet();
        var keptShares = await db.TaskAssignments.AsNoTracking().ToListAsync(cancellationToken);
        var outside = keptShares.Where(a => !replacedIds.Contains(a.TaskId)).GroupBy(a => a.StaffId).ToDictionary(g => g.Key, g => g.Sum(a => a.Percent));
        var storedById = stored.Values.ToDictionary(t => t.Id);
        var totals = new Dictionary<Guid, int>();
        foreach (var share in plan.Shares)
        {
            var total = totals[share.StaffId] = totals.GetValueOrDefault(share.StaffId) + share.Percent;
            var all = total + outside.GetValueOrDefault(share.StaffId);
            if (all > 100)
            {
                var header = shareColumns.TryGetValue("percent", out var i) ? sharesTable!.Header[i] : "割合（%）";
                plan.Problems.Add(new(share.Row, header, share.Percent.ToString(CultureInfo.InvariantCulture),
                    new($"職員 {share.StaffNumber} の業務割合の合計が {all}% になり、100% を超えます", $"the shares of staff member {share.StaffNumber} would add up to {all}%, more than 100%"), sharesSheet));
            }
        }
        // Without 担当割合 the shares stay as they are, so no total can grow.
        if (plan.Problems.Count > 0) return plan;

        Describe(plan, stored, storedById, keptShares, org, systemsById);
        return plan;
    }

    private static void Describe(Plan plan, Dictionary<string, InventoryTask> stored, Dictionary<Guid, InventoryTask> storedById,
        List<TaskAssignmentEntry> shares, OrgSections org, Dictionary<Guid, Zaitaku.Systems.RegisteredSystem> systems)
    {
        string Systems(IEnumerable<Guid> ids) => string.Join(";", ids.Select(id => systems.TryGetValue(id, out var s) ? s.Slug : "?"));
        foreach (var row in plan.Tasks)
        {
            if (!stored.TryGetValue(row.Code, out var before))
            {
                plan.Added.Add(new TaskChange(row.Row, row.Code, row.Name, row.SectionCode, []));
                continue;
            }
            var changes = new List<string>();
            void Compare(string label, string was, string now)
            {
                if (!string.Equals(was, now, StringComparison.Ordinal)) changes.Add($"{label}: {(was.Length == 0 ? "—" : was)} → {(now.Length == 0 ? "—" : now)}");
            }
            Compare("所属コード", org.ById.TryGetValue(before.SectionId, out var s) ? s.Code : "", row.SectionCode);
            Compare("業務名", before.Name, row.Name);
            Compare("窓口業務", Flag(before.CounterWork), Flag(row.CounterWork));
            Compare("機微な個人情報", Flag(before.ConfidentialPersonalData), Flag(row.Confidential));
            Compare("使用システム", Systems(before.SystemIds), Systems(row.SystemIds));
            Compare("紙の原本", before.PaperOriginals.Label().Ja, row.Paper.Label().Ja);
            Compare("対面での作業", before.SameRoom.Label().Ja, row.SameRoom.Label().Ja);
            Compare("所属長判断", before.OverrideClass?.Label().Ja ?? "", row.Override?.Label().Ja ?? "");
            Compare("判断理由", before.OverrideJustification ?? "", row.Justification ?? "");
            if (changes.Count == 0) plan.Unchanged++;
            else plan.Changed.Add(new TaskChange(row.Row, row.Code, row.Name, row.SectionCode, changes));
        }
        var removed = stored.Values.Where(t => plan.SectionIds.Contains(t.SectionId) && !plan.Codes.Contains(t.Code)).OrderBy(t => t.Code, StringComparer.Ordinal).ToList();
        foreach (var task in removed)
            plan.Removed.Add(new TaskChange(null, task.Code, task.Name, org.ById.TryGetValue(task.SectionId, out var s) ? s.Code : "", []));

        var removedIds = removed.Select(t => t.Id).ToHashSet();
        if (!plan.HasShares)
        {
            plan.SharesRemoved = shares.Count(a => removedIds.Contains(a.TaskId));
            return;
        }
        var current = shares.Where(a => storedById.TryGetValue(a.TaskId, out var t) && (plan.Codes.Contains(t.Code) || removedIds.Contains(t.Id)))
            .ToDictionary(a => (storedById[a.TaskId].Code, a.StaffId), a => a.Percent);
        foreach (var share in plan.Shares)
        {
            if (!current.Remove((share.Code, share.StaffId), out var percent)) plan.SharesAdded++;
            else if (percent != share.Percent) plan.SharesChanged++;
        }
        plan.SharesRemoved = current.Count;
    }

    private static bool HasColumn(IReadOnlyList<string> header, TaskColumn column) =>
        header.Any(h => Normalize(h) == Normalize(column.Header) || Normalize(h) == Normalize(column.English));

    private static Dictionary<string, int> MapColumns(IReadOnlyList<string> header, IReadOnlyList<TaskColumn> columns, string sheet, List<TabularProblem> problems)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            var name = Normalize(header[i]);
            var column = columns.FirstOrDefault(c => Normalize(c.Header) == name || Normalize(c.English) == name);
            if (column is null || column.ExportOnly) continue;
            if (map.ContainsKey(column.Key))
                problems.Add(new(1, header[i], header[i], new($"列「{column.Header}」が2つあります", $"the column \"{column.Header}\" appears twice"), sheet));
            else map[column.Key] = i;
        }
        foreach (var column in columns.Where(c => c.Required && !map.ContainsKey(c.Key)))
            problems.Add(new(1, column.Header, "", new($"必須の列「{column.Header}」がありません", $"the required column \"{column.Header}\" is missing"), sheet));
        return map;
    }

    private static string Normalize(string header) =>
        header.Trim().Normalize(System.Text.NormalizationForm.FormKC).Replace("(", "（", StringComparison.Ordinal).Replace(")", "）", StringComparison.Ordinal).ToLowerInvariant();

    /// <summary>○ (あり) or empty (なし); also あり／なし, 1／0, TRUE／FALSE, はい／いいえ.</summary>
    public static bool? ParseFlag(string text) => text.Trim().ToLowerInvariant() switch
    {
        "" or "なし" or "0" or "false" or "いいえ" or "×" or "-" or "ー" => false,
        "○" or "〇" or "◯" or "o" or "あり" or "1" or "true" or "はい" or "yes" => true,
        _ => null,
    };

    private static string Flag(bool value) => value ? "○" : "";

    private static LocalizedText FlagProblem() => new("○（あり）または空欄（なし）にしてください", "use ○ (yes) or leave empty (no)");

    private static LocalizedText FrequencyProblem() => new("なし・時々・毎日 のいずれか（空欄はなし）にしてください", "use なし, 時々 or 毎日 (empty for never)");

    private static string Detail(string message) => message.IndexOf(": ", StringComparison.Ordinal) is var i and >= 0 ? message[(i + 2)..] : message;

    /// <summary>The inventory of the sections as the export writes it: the columns the import reads, plus the outcome columns.</summary>
    public static async Task<(List<IReadOnlyList<string?>> Tasks, List<IReadOnlyList<string?>> Shares)> ExportAsync(ZaitakuDb db, IReadOnlySet<Guid>? sectionIds, CancellationToken cancellationToken)
    {
        var org = await OrgSections.LoadAsync(db, cancellationToken);
        var systems = await db.Systems.AsNoTracking().ToDictionaryAsync(s => s.Id, cancellationToken);
        var query = db.Tasks.AsNoTracking();
        if (sectionIds is not null)
        {
            var ids = sectionIds.ToList();
            query = query.Where(t => ids.Contains(t.SectionId));
        }
        var sectionOrder = org.Sections.Select((s, i) => (s.Id, i)).ToDictionary(p => p.Id, p => p.i);
        var tasks = (await query.ToListAsync(cancellationToken))
            .Where(t => sectionOrder.ContainsKey(t.SectionId))
            .OrderBy(t => sectionOrder[t.SectionId]).ThenBy(t => t.SortOrder).ThenBy(t => t.Code, StringComparer.Ordinal).ToList();
        var taskIds = tasks.Select(t => t.Id).ToList();
        var shares = await db.TaskAssignments.AsNoTracking().Where(a => taskIds.Contains(a.TaskId)).ToListAsync(cancellationToken);
        var staffIds = shares.Select(a => a.StaffId).Distinct().ToList();
        var staff = await db.Staff.AsNoTracking().Where(s => staffIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var taskRows = new List<IReadOnlyList<string?>>();
        foreach (var task in tasks)
        {
            var section = org.ById[task.SectionId];
            var classification = TaskClassifier.Classify(InventoryLoader.ToWorkTask(task, systems, section.Code));
            taskRows.Add(
            [
                section.Code, section.Name, task.Code, task.Name, Flag(task.CounterWork), Flag(task.ConfidentialPersonalData),
                string.Join(";", task.SystemIds.Select(id => systems.TryGetValue(id, out var s) ? s.Slug : id.ToString())),
                task.PaperOriginals.Label().Ja, task.SameRoom.Label().Ja, classification.Effective.Label().Ja,
                string.Join("／", classification.Reasons.Select(r => r.Text.Ja)),
                task.OverrideClass?.Label().Ja, task.OverrideJustification,
                task.OverrideClass is null ? null : $"{task.OverrideByName} {(task.OverrideAt is { } at ? Localization.Tx.DateTime(at) : "")}".Trim(),
            ]);
        }
        var order = tasks.Select((t, i) => (t.Id, i)).ToDictionary(p => p.Id, p => p.i);
        var shareRows = shares.Where(a => staff.ContainsKey(a.StaffId))
            .OrderBy(a => order[a.TaskId]).ThenBy(a => staff[a.StaffId].StaffNumber, StringComparer.Ordinal)
            .Select(a => (IReadOnlyList<string?>)[staff[a.StaffId].StaffNumber, staff[a.StaffId].FullName, tasks[order[a.TaskId]].Code, a.Percent.ToString(CultureInfo.InvariantCulture)])
            .ToList();
        return (taskRows, shareRows);
    }
}
