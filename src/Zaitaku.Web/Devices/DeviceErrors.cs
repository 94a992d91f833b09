namespace Zaitaku.Web.Devices;

/// <summary>Another PC of the tenant already has this asset tag.</summary>
public sealed record AssetTagTaken(string AssetTag) : Error("device_asset_tag_taken",
    new($"資産番号「{AssetTag}」の端末は既に登録されています。", $"A PC with asset tag \"{AssetTag}\" is already registered."))
{
    public override ErrorKind Kind => ErrorKind.Conflict;
}

/// <summary>Another PC of the tenant already has this serial number.</summary>
public sealed record SerialNumberTaken(string SerialNumber) : Error("device_serial_number_taken",
    new($"製造番号「{SerialNumber}」の端末は既に登録されています。", $"A PC with serial number \"{SerialNumber}\" is already registered."))
{
    public override ErrorKind Kind => ErrorKind.Conflict;
}

/// <summary>The model is not one the tenant registered.</summary>
public sealed record DeviceModelUnknown(string Model, IReadOnlyList<string> Known) : Error("device_model_unknown",
    new($"機種「{Model}」は登録されていません。{(Known.Count == 0 ? "先に「端末の設定」で機種を登録してください。" : $"登録済みの機種: {string.Join("、", Known.Take(10))}")}",
        $"The model \"{Model}\" is not registered. {(Known.Count == 0 ? "Register models under device settings first." : $"Registered: {string.Join(", ", Known.Take(10))}")}"));

/// <summary>No lease contract has this number.</summary>
public sealed record LeaseContractUnknown(string ContractNumber) : Error("lease_contract_unknown",
    new($"契約番号「{ContractNumber}」のリース契約は登録されていません。", $"No lease contract has the number \"{ContractNumber}\"."));

/// <summary>Another contract already has this number.</summary>
public sealed record LeaseContractNumberTaken(string ContractNumber) : Error("lease_contract_number_taken",
    new($"契約番号「{ContractNumber}」は既に登録されています。", $"The contract number \"{ContractNumber}\" is already registered."))
{
    public override ErrorKind Kind => ErrorKind.Conflict;
}

/// <summary>A PC cannot be lent before the tenant has published lending terms.</summary>
public sealed record NoLendingTerms() : Error("device_no_lending_terms",
    new("誓約書が登録されていないため貸し出せません。「端末の設定」の「誓約書」で公開してください。",
        "No lending terms are published, so no PC can be lent. Publish them under device settings, Lending terms."))
{
    public override ErrorKind Kind => ErrorKind.Conflict;
}

/// <summary>No employed staff member has this staff number.</summary>
public sealed record BorrowerUnknown(string StaffNumber) : Error("device_borrower_unknown",
    new($"職員番号「{StaffNumber}」の在職中の職員はいません。", $"No employed staff member has the staff number \"{StaffNumber}\"."));

/// <summary>A staff member acted on a PC that is not lent or offered to them.</summary>
public sealed record NotYourDevice() : Error("device_not_yours",
    new("この端末はあなたに貸し出されていません。", "This PC is not lent to you."))
{
    public override ErrorKind Kind => ErrorKind.Forbidden;
}

/// <summary>Only the IT department may do this.</summary>
public sealed record DeviceManagersOnly() : Error("device_managers_only",
    new("この操作は情報政策課（IT管理者）だけができます。", "Only the IT department can do this."))
{
    public override ErrorKind Kind => ErrorKind.Forbidden;
}

/// <summary>Someone else changed the PC between reading and saving.</summary>
public sealed record DeviceChangedMeanwhile() : Error("device_changed_meanwhile",
    new("ほかの操作で端末の状態が変わりました。画面を読み込み直してから、もう一度操作してください。",
        "Someone else changed this PC meanwhile. Reload the page and try again."))
{
    public override ErrorKind Kind => ErrorKind.Conflict;
}

/// <summary>The failed PC has no borrower to lend a spare to.</summary>
public sealed record NoBorrowerForSpare() : Error("device_no_borrower_for_spare",
    new("この端末は貸出中に故障したものではないため、予備機の貸出先がわかりません。通常の貸出を使ってください。",
        "This PC did not fail while lent, so there is no borrower to lend a spare to; use an ordinary loan."))
{
    public override ErrorKind Kind => ErrorKind.Conflict;
}

/// <summary>An uploaded file is missing, empty or too large.</summary>
public sealed record DeviceDocumentInvalid(LocalizedText Problem) : Error("device_document_invalid",
    new($"証明書の原本ファイル: {Problem.Ja}", $"The certificate document: {Problem.En}"));

/// <summary>A setting (checklist item, terms, model) that cannot be saved; names the field.</summary>
public sealed record DeviceSettingInvalid(string Field, LocalizedText Problem) : Error("device_setting_invalid",
    new($"{Field}: {Problem.Ja}", $"{Field}: {Problem.En}"));
