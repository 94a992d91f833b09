namespace Zaitaku.Devices;

/// <summary>What was done to a PC: the operations of <see cref="TeleworkDevice"/>, one per <see cref="DeviceEvent"/>.</summary>
public enum DeviceOperation
{
    Register,
    StartKitting,
    TickChecklistItem,
    MarkReady,
    Lend,
    WithdrawLoanOffer,
    AcceptTerms,
    Return,
    ReportFailure,
    StartRekitting,
    ReportLost,
    StartDisposal,
    CompleteDisposal,
    RenewCertificate,
}

/// <summary>The words of the device timeline for each <see cref="DeviceOperation"/>.</summary>
public static class DeviceOperationLabels
{
    /// <summary>The operation's label, Japanese first.</summary>
    public static LocalizedText Label(this DeviceOperation operation) => operation switch
    {
        DeviceOperation.Register => new("端末登録", "Register"),
        DeviceOperation.StartKitting => new("キッティング開始", "Start kitting"),
        DeviceOperation.TickChecklistItem => new("キッティング項目の完了", "Tick a kitting item"),
        DeviceOperation.MarkReady => new("キッティング完了・証明書発行", "Kitting complete, certificate issued"),
        DeviceOperation.Lend => new("貸出（誓約書の同意待ち）", "Lend (awaiting acceptance of the terms)"),
        DeviceOperation.WithdrawLoanOffer => new("貸出の取消", "Withdraw the loan"),
        DeviceOperation.AcceptTerms => new("誓約書への同意・貸出開始", "Terms accepted, loan starts"),
        DeviceOperation.Return => new("返却", "Return"),
        DeviceOperation.ReportFailure => new("故障の報告", "Report a failure"),
        DeviceOperation.StartRekitting => new("再キッティング開始", "Start re-kitting"),
        DeviceOperation.ReportLost => new("紛失・盗難の届出", "Report lost or stolen"),
        DeviceOperation.StartDisposal => new("廃棄手続の開始", "Start disposal"),
        DeviceOperation.CompleteDisposal => new("廃棄の完了", "Complete disposal"),
        DeviceOperation.RenewCertificate => new("証明書の更新", "Renew the certificate"),
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };
}
