using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Data;
using Zaitaku.Data.Audit;
using Zaitaku.Data.Devices;
using Zaitaku.Data.Imports;
using Zaitaku.Devices;
using Zaitaku.Web.Problems;
using Zaitaku.Web.Staff;
using Zaitaku.Web.Tabular;

namespace Zaitaku.Web.Devices;

/// <summary>A PC an import would register.</summary>
public sealed record DeviceImportRow(int Row, string AssetTag, string SerialNumber, string Model, string? LeaseContractNumber);

/// <summary>What a device import would do, or the problems that stop it.</summary>
public sealed record DeviceImportPreview(Guid? BatchId, string FileName, string Format, int Rows, IReadOnlyList<DeviceImportRow> Added, IReadOnlyList<TabularProblem> Problems)
{
    public bool CanCommit => Problems.Count == 0 && BatchId is not null && Added.Count > 0;
}

/// <summary>
/// A list of delivered or ordered PCs (CSV in UTF-8 or Shift_JIS, or .xlsx): every row registers one PC
/// in the state 発注済. All or nothing: one bad row (bad or duplicate tag or serial, unknown model or
/// contract) and nothing is registered; each problem names its row, column and value.
/// </summary>
public sealed class DeviceImport(ZaitakuDb db, FleetCountsCache counts)
{
    public const string Kind = "devices";

    /// <summary>The most PCs one file registers.</summary>
    public const int MaxRows = 20_000;

    /// <summary>The columns: Japanese header, aliases (the last is the English name shown), required.</summary>
    public static readonly IReadOnlyList<(string Field, string Header, string[] Aliases, bool Required)> Columns =
    [
        ("assetTag", "資産番号", ["assettag", "asset_tag"], true),
        ("serialNumber", "製造番号", ["シリアル番号", "serialnumber", "serial_number"], true),
        ("model", "機種", ["機種名", "model"], true),
        ("leaseContract", "リース契約番号", ["契約番号", "contract_number", "lease_contract"], false),
    ];

    /// <summary>Keeps the file and returns its preview; an unreadable file is not kept.</summary>
    public async Task<DeviceImportPreview> StageAsync(string fileName, byte[] content, CancellationToken cancellationToken = default)
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

    public async Task<Result<DeviceImportPreview>> PreviewAsync(Guid batchId, CancellationToken cancellationToken = default)
    {
        var batch = await db.ImportBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == batchId && b.Kind == Kind && b.CommittedAt == null, cancellationToken);
        if (batch is null) return new NotFoundError(new("取込ファイル", "The uploaded file"));
        return (await PlanAsync(batch.Content, cancellationToken)).ToPreview(batch.Id, batch.FileName);
    }

    /// <summary>Registers every PC of a kept file in one transaction, or none.</summary>
    public async Task<Result<DeviceImportPreview>> CommitAsync(Guid batchId, DeviceCaller caller, CancellationToken cancellationToken = default)
    {
        if (!caller.ManagesDevices) return new DeviceManagersOnly();
        var batch = await db.ImportBatches.SingleOrDefaultAsync(b => b.Id == batchId && b.Kind == Kind && b.CommittedAt == null, cancellationToken);
        if (batch is null) return new NotFoundError(new("取込ファイル", "The uploaded file"));
        return await ApplyAsync(batch, await PlanAsync(batch.Content, cancellationToken), cancellationToken);
    }

    /// <summary>Reads, checks and registers a file in one go (the API's <c>commit=true</c>).</summary>
    public async Task<Result<DeviceImportPreview>> CommitNowAsync(string fileName, byte[] content, DeviceCaller caller, CancellationToken cancellationToken = default)
    {
        if (!caller.ManagesDevices) return new DeviceManagersOnly();
        var plan = await PlanAsync(content, cancellationToken);
        if (plan.File is null || plan.Problems.Count > 0) return new ImportRefused(plan.Problems);
        var batch = NewBatch(fileName, content);
        db.ImportBatches.Add(batch);
        return await ApplyAsync(batch, plan, cancellationToken);
    }

    private async Task<Result<DeviceImportPreview>> ApplyAsync(ImportBatch batch, Plan plan, CancellationToken cancellationToken)
    {
        if (plan.Problems.Count > 0) return new ImportRefused(plan.Problems);
        if (plan.Added.Count == 0) return new ImportRefused([new TabularProblem(null, null, "", new("登録する端末の行がありません。", "The file has no PCs to register."))]);
        var tenantId = db.TenantScope.TenantId ?? Guid.Empty;
        var actor = db.TenantScope.ActorName;
        var now = db.Time.GetUtcNow();
        foreach (var row in plan.Added)
        {
            var registered = TeleworkDevice.Register(tenantId, row.AssetTag, row.SerialNumber, row.Model,
                row.LeaseContractNumber is null ? null : plan.Contracts[row.LeaseContractNumber], actor, now).Value;
            db.Devices.Add(registered.Device);
            db.DeviceEvents.Add(DeviceTimelineEntry.Of(registered.Event, 1, actor));
        }
        batch.CommittedAt = now;
        db.Audit("device.import_committed", nameof(ImportBatch), batch.Id.ToString(), AuditJson.Of(new
        {
            file = batch.FileName, sha256 = batch.ContentHash, registered = plan.Added.Count,
        }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            counts.Invalidate(tenantId);
        }
        catch (DbUpdateException)
        {
            // Someone registered one of the tags between the check and the save; nothing was written.
            db.ChangeTracker.Clear();
            return new DeviceChangedMeanwhile();
        }
        return plan.ToPreview(batch.Id, batch.FileName);
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

    private sealed record Plan(TabularFile? File, List<TabularProblem> Problems, List<DeviceImportRow> Added, Dictionary<string, Guid> Contracts)
    {
        public DeviceImportPreview ToPreview(Guid? batchId, string fileName) =>
            new(batchId, fileName, File?.Format ?? "", File?.Rows.Count ?? 0, Added, Problems);
    }

    private async Task<Plan> PlanAsync(byte[] content, CancellationToken cancellationToken)
    {
        var read = TabularFile.Read(content);
        if (!read.IsOk) return new Plan(null, [.. ((TabularError)read.Error!).Problems], [], []);
        var file = read.Value;
        var problems = new List<TabularProblem>();
        var columns = MapColumns(file.Header, problems);
        if (problems.Count > 0) return new Plan(file, problems, [], []);
        if (file.Rows.Count > MaxRows)
            return new Plan(file, [new TabularProblem(null, null, "", new($"行が多すぎます（{file.Rows.Count:N0}行、上限 {MaxRows:N0}行）。ファイルを分けてください。",
                $"Too many rows ({file.Rows.Count:N0}; the limit is {MaxRows:N0}). Split the file."))], [], []);

        var models = (await db.DeviceModels.AsNoTracking().Select(m => m.Name).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var contracts = await db.LeaseContracts.AsNoTracking().ToDictionaryAsync(c => c.ContractNumber, c => c.Id, cancellationToken);
        var tags = (await db.Devices.AsNoTracking().Select(d => d.AssetTag).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var serials = (await db.Devices.AsNoTracking().Select(d => d.SerialNumber).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var seenTags = new Dictionary<string, int>(StringComparer.Ordinal);
        var seenSerials = new Dictionary<string, int>(StringComparer.Ordinal);
        var added = new List<DeviceImportRow>();
        var probe = Guid.NewGuid();
        foreach (var row in file.Rows)
        {
            string Cell(string field) => columns.TryGetValue(field, out var index) ? row.Cell(index).Trim() : "";
            string Header(string field) => columns.TryGetValue(field, out var index) ? file.Header[index] : Columns.First(c => c.Field == field).Header;
            var before = problems.Count;
            var tag = Cell("assetTag");
            var serial = Cell("serialNumber");
            var model = Cell("model");
            var contract = Cell("leaseContract");
            foreach (var (field, value) in new[] { ("assetTag", tag), ("serialNumber", serial), ("model", model) })
            {
                if (value.Length == 0) problems.Add(new(row.Number, Header(field), "", new("入力されていません（必須）", "is required")));
            }
            if (problems.Count == before)
            {
                var shape = TeleworkDevice.Register(probe, tag, serial, model, null, "import", db.Time.GetUtcNow());
                if (!shape.IsOk && shape.Error is DeviceInputInvalid invalid)
                    problems.Add(new(row.Number, Header(invalid.Field), invalid.Field switch { "assetTag" => tag, "serialNumber" => serial, _ => model }, invalid.Problem));
            }
            if (model.Length > 0 && !models.Contains(model))
                problems.Add(new(row.Number, Header("model"), model, new($"機種「{model}」は登録されていません（「端末の設定」の「機種」で登録）", $"the model \"{model}\" is not registered (device settings, Models)")));
            if (contract.Length > 0 && !contracts.ContainsKey(contract))
                problems.Add(new(row.Number, Header("leaseContract"), contract, new($"契約番号「{contract}」のリース契約は登録されていません", $"no lease contract has the number \"{contract}\"")));
            if (tag.Length > 0)
            {
                if (tags.Contains(tag)) problems.Add(new(row.Number, Header("assetTag"), tag, new($"資産番号「{tag}」の端末は既に登録されています", $"a PC with asset tag \"{tag}\" is already registered")));
                else if (seenTags.TryGetValue(tag, out var first)) problems.Add(new(row.Number, Header("assetTag"), tag, new($"資産番号「{tag}」が{first}行目と重複しています", $"asset tag \"{tag}\" is also on row {first}")));
                else seenTags[tag] = row.Number;
            }
            if (serial.Length > 0)
            {
                if (serials.Contains(serial)) problems.Add(new(row.Number, Header("serialNumber"), serial, new($"製造番号「{serial}」の端末は既に登録されています", $"a PC with serial number \"{serial}\" is already registered")));
                else if (seenSerials.TryGetValue(serial, out var first)) problems.Add(new(row.Number, Header("serialNumber"), serial, new($"製造番号「{serial}」が{first}行目と重複しています", $"serial number \"{serial}\" is also on row {first}")));
                else seenSerials[serial] = row.Number;
            }
            if (problems.Count == before) added.Add(new DeviceImportRow(row.Number, tag, serial, model, contract.Length == 0 ? null : contract));
        }
        return new Plan(file, problems, added, contracts);
    }

    private static Dictionary<string, int> MapColumns(IReadOnlyList<string> header, List<TabularProblem> problems)
    {
        var map = new Dictionary<string, int>();
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

    private static string Normalize(string header) => header.Trim().Normalize(System.Text.NormalizationForm.FormKC).ToLowerInvariant();
}
