using Microsoft.EntityFrameworkCore;
using Zaitaku.Data;
using Zaitaku.Data.Devices;
using Zaitaku.Devices;
using Zaitaku.Devices.Posture;
using Zaitaku.Web.Problems;

namespace Zaitaku.Web.Devices;

/// <summary>The compliance rules as a form edits them.</summary>
public sealed record ComplianceInput(int? AntivirusDefinitionsMaxAgeDays, bool DiskEncryptionRequired, bool LocalUserDataForbidden,
    bool ScreenCaptureBlockingRequired, string? MinimumAgentVersion, string? MinimumOsBuild);

/// <summary>
/// A tenant's device settings: the kitting checklist (issue 3's default until the tenant changes it),
/// the versions of the lending terms (誓約書), the posture compliance rules, and the PC models.
/// </summary>
public sealed class DeviceSettings(ZaitakuDb db)
{
    /// <summary>The checklist a PC copies when kitting starts.</summary>
    public async Task<KittingChecklist> ChecklistAsync(CancellationToken cancellationToken = default)
    {
        var items = await db.KittingChecklistItems.AsNoTracking().OrderBy(i => i.SortOrder).ThenBy(i => i.Code).ToListAsync(cancellationToken);
        return items.Count == 0 ? Fresh(KittingChecklist.Default.Items) : new KittingChecklist(items.Select(i => i.ToItem()).ToList());
    }

    /// <summary>True while the tenant uses issue 3's default list.</summary>
    public async Task<bool> UsesDefaultChecklistAsync(CancellationToken cancellationToken = default) =>
        !await db.KittingChecklistItems.AnyAsync(cancellationToken);

    /// <summary>Adds an item at the end of the checklist (the default list is copied first).</summary>
    public async Task<Result<KittingChecklist>> AddChecklistItemAsync(string? code, string? labelJa, string? labelEn, CancellationToken cancellationToken = default)
    {
        var item = new KittingChecklistItem(code?.Trim() ?? "", new LocalizedText(labelJa?.Trim() ?? "", labelEn?.Trim() ?? ""));
        var current = await ChecklistAsync(cancellationToken);
        var next = new KittingChecklist([.. current.Items, item]);
        if (next.Validate() is { } invalid) return invalid;
        await ReplaceChecklistAsync(next, cancellationToken);
        return next;
    }

    /// <summary>Removes an item; PCs already being kitted keep the list they copied. At least one item stays.</summary>
    public async Task<Result<KittingChecklist>> RemoveChecklistItemAsync(string? code, CancellationToken cancellationToken = default)
    {
        var current = await ChecklistAsync(cancellationToken);
        var next = new KittingChecklist(current.Items.Where(i => i.Code != code).ToList());
        if (next.Items.Count == current.Items.Count) return new DeviceSettingInvalid("code", new($"項目「{code}」はありません。", $"There is no item \"{code}\"."));
        if (next.Validate() is { } invalid) return invalid;
        await ReplaceChecklistAsync(next, cancellationToken);
        return next;
    }

    private async Task ReplaceChecklistAsync(KittingChecklist checklist, CancellationToken cancellationToken)
    {
        var stored = await db.KittingChecklistItems.ToListAsync(cancellationToken);
        var byCode = stored.ToDictionary(i => i.Code);
        for (var n = 0; n < checklist.Items.Count; n++)
        {
            var item = checklist.Items[n];
            if (byCode.Remove(item.Code, out var existing))
            {
                existing.SortOrder = n;
                existing.LabelJa = item.Label.Ja;
                existing.LabelEn = item.Label.En;
            }
            else
            {
                db.KittingChecklistItems.Add(new KittingChecklistEntry { Id = Guid.NewGuid(), Code = item.Code, LabelJa = item.Label.Ja, LabelEn = item.Label.En, SortOrder = n });
            }
        }
        db.KittingChecklistItems.RemoveRange(byCode.Values);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The newest published lending terms, or null when none are published.</summary>
    public Task<LendingTerms?> CurrentTermsAsync(CancellationToken cancellationToken = default) =>
        db.LendingTerms.AsNoTracking().OrderByDescending(t => t.Number).FirstOrDefaultAsync(cancellationToken);

    /// <summary>A given version of the terms (the one a loan was offered with).</summary>
    public Task<LendingTerms?> TermsAsync(string version, CancellationToken cancellationToken = default) =>
        db.LendingTerms.AsNoTracking().SingleOrDefaultAsync(t => t.Version == version, cancellationToken);

    /// <summary>Every published version, newest first.</summary>
    public Task<List<LendingTerms>> TermsHistoryAsync(CancellationToken cancellationToken = default) =>
        db.LendingTerms.AsNoTracking().OrderByDescending(t => t.Number).ToListAsync(cancellationToken);

    /// <summary>Publishes a new version; loans offered from now on use it. Versions are never edited.</summary>
    public async Task<Result<LendingTerms>> PublishTermsAsync(string? version, string? title, string? body, CancellationToken cancellationToken = default)
    {
        version = version?.Trim() ?? "";
        title = title?.Trim() ?? "";
        body = body?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim() ?? "";
        if (version.Length is 0 or > 64 || version.Any(char.IsControl))
            return new DeviceSettingInvalid("version", new("版は1〜64文字で入力してください（例 2026-04）。", "Give a version of 1 to 64 characters (e.g. 2026-04)."));
        if (title.Length is 0 or > 200)
            return new DeviceSettingInvalid("title", new("題名は1〜200文字で入力してください。", "Give a title of 1 to 200 characters."));
        if (body.Length is 0 or > 20_000)
            return new DeviceSettingInvalid("body", new("本文は1〜20,000文字で入力してください。", "Give the text, 1 to 20,000 characters."));
        if (await db.LendingTerms.AnyAsync(t => t.Version == version, cancellationToken))
            return new DeviceSettingInvalid("version", new($"版「{version}」は既に公開されています。新しい版の名前を付けてください。", $"Version \"{version}\" is already published; give the new one another name."));
        var number = (await db.LendingTerms.MaxAsync(t => (int?)t.Number, cancellationToken) ?? 0) + 1;
        var terms = new LendingTerms
        {
            Id = Guid.NewGuid(), Number = number, Version = version, Title = title, Body = body, PublishedAt = db.Time.GetUtcNow(),
            PublishedBy = db.TenantScope.ActorName,
        };
        db.LendingTerms.Add(terms);
        await db.SaveChangesAsync(cancellationToken);
        return terms;
    }

    /// <summary>The tenant's compliance rules (issue 3's defaults until changed).</summary>
    public async Task<ComplianceRules> ComplianceRulesAsync(CancellationToken cancellationToken = default) =>
        (await db.ComplianceSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken))?.ToRules() ?? ComplianceRules.Default;

    /// <summary>Saves the compliance rules; posture reports from now on are judged by them.</summary>
    public async Task<Result<ComplianceRules>> SaveComplianceRulesAsync(ComplianceInput input, CancellationToken cancellationToken = default)
    {
        var rules = new ComplianceRules
        {
            AntivirusDefinitionsMaxAgeDays = input.AntivirusDefinitionsMaxAgeDays ?? -1,
            DiskEncryptionRequired = input.DiskEncryptionRequired,
            LocalUserDataForbidden = input.LocalUserDataForbidden,
            ScreenCaptureBlockingRequired = input.ScreenCaptureBlockingRequired,
            MinimumAgentVersion = string.IsNullOrWhiteSpace(input.MinimumAgentVersion) ? null : input.MinimumAgentVersion.Trim(),
            MinimumOsBuild = string.IsNullOrWhiteSpace(input.MinimumOsBuild) ? null : input.MinimumOsBuild.Trim(),
        };
        if (rules.Validate() is { } invalid) return invalid;
        var stored = await db.ComplianceSettings.SingleOrDefaultAsync(cancellationToken);
        if (stored is null)
        {
            stored = new ComplianceSettings { Id = Guid.NewGuid() };
            db.ComplianceSettings.Add(stored);
        }
        stored.AntivirusDefinitionsMaxAgeDays = rules.AntivirusDefinitionsMaxAgeDays;
        stored.DiskEncryptionRequired = rules.DiskEncryptionRequired;
        stored.LocalUserDataForbidden = rules.LocalUserDataForbidden;
        stored.ScreenCaptureBlockingRequired = rules.ScreenCaptureBlockingRequired;
        stored.MinimumAgentVersion = rules.MinimumAgentVersion;
        stored.MinimumOsBuild = rules.MinimumOsBuild;
        stored.UpdatedAt = db.Time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return rules;
    }

    /// <summary>The tenant's models, by name.</summary>
    public Task<List<DeviceModel>> ModelsAsync(CancellationToken cancellationToken = default) =>
        db.DeviceModels.AsNoTracking().OrderBy(m => m.Name).ToListAsync(cancellationToken);

    /// <summary>Registers a model PCs may then be registered with.</summary>
    public async Task<Result<DeviceModel>> AddModelAsync(string? name, string? manufacturer, CancellationToken cancellationToken = default)
    {
        name = name?.Trim() ?? "";
        manufacturer = manufacturer?.Trim() ?? "";
        if (name.Length is 0 or > 100 || name.Any(char.IsControl))
            return new DeviceSettingInvalid("name", new("機種名は1〜100文字で入力してください。", "Give a model name of 1 to 100 characters."));
        if (manufacturer.Length is 0 or > 100 || manufacturer.Any(char.IsControl))
            return new DeviceSettingInvalid("manufacturer", new("製造元は1〜100文字で入力してください。", "Give a manufacturer of 1 to 100 characters."));
        if (await db.DeviceModels.AnyAsync(m => m.Name == name, cancellationToken))
            return new DeviceSettingInvalid("name", new($"機種「{name}」は既に登録されています。", $"The model \"{name}\" is already registered."));
        var model = new DeviceModel { Id = Guid.NewGuid(), Name = name, Manufacturer = manufacturer };
        db.DeviceModels.Add(model);
        await db.SaveChangesAsync(cancellationToken);
        return model;
    }

    /// <summary>Removes a model no PC uses.</summary>
    public async Task<Result<DeviceModel>> RemoveModelAsync(Guid modelId, CancellationToken cancellationToken = default)
    {
        var model = await db.DeviceModels.SingleOrDefaultAsync(m => m.Id == modelId, cancellationToken);
        if (model is null) return new NotFoundError(new("機種", "The model"));
        var used = await db.Devices.CountAsync(d => d.Model == model.Name, cancellationToken);
        if (used > 0)
            return new DeviceSettingInvalid("model", new($"機種「{model.Name}」は{used}台の端末に使われているため削除できません。", $"The model \"{model.Name}\" is used by {used} PC(s) and cannot be removed."));
        db.DeviceModels.Remove(model);
        await db.SaveChangesAsync(cancellationToken);
        return model;
    }

    // Each PC gets its own item objects: the data layer keeps an item inside the PC's row.
    private static KittingChecklist Fresh(IEnumerable<KittingChecklistItem> items) => new(items.Select(i => i with { }).ToList());
}
