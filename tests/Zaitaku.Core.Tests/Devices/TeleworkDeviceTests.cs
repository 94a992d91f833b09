using System.Security.Cryptography.X509Certificates;
using Zaitaku.Devices;
using static Zaitaku.Core.Tests.Devices.DeviceScenario;

namespace Zaitaku.Core.Tests.Devices;

public class TeleworkDeviceTests
{
    private static readonly DateTimeOffset Later = Start.AddDays(1);

    public enum TransitionOperation
    {
        StartKitting,
        MarkReady,
        AcceptTerms,
        Return,
        ReportFailure,
        StartRekitting,
        ReportLost,
        StartDisposal,
        CompleteDisposal,
    }

    private static readonly Dictionary<TransitionOperation, DeviceState> Target = new()
    {
        [TransitionOperation.StartKitting] = DeviceState.Kitting,
        [TransitionOperation.MarkReady] = DeviceState.Ready,
        [TransitionOperation.AcceptTerms] = DeviceState.Lent,
        [TransitionOperation.Return] = DeviceState.Returned,
        [TransitionOperation.ReportFailure] = DeviceState.Failed,
        [TransitionOperation.StartRekitting] = DeviceState.Rekitting,
        [TransitionOperation.ReportLost] = DeviceState.Lost,
        [TransitionOperation.StartDisposal] = DeviceState.Disposing,
        [TransitionOperation.CompleteDisposal] = DeviceState.Disposed,
    };

    // The states from which each operation may run, from issue 3's rules.
    private static readonly Dictionary<TransitionOperation, DeviceState[]> AllowedFrom = new()
    {
        [TransitionOperation.StartKitting] = [DeviceState.Ordered],
        [TransitionOperation.MarkReady] = [DeviceState.Kitting, DeviceState.Rekitting, DeviceState.Returned],
        [TransitionOperation.AcceptTerms] = [DeviceState.Ready],
        [TransitionOperation.Return] = [DeviceState.Lent],
        [TransitionOperation.ReportFailure] = [DeviceState.Lent],
        [TransitionOperation.StartRekitting] = [DeviceState.Failed],
        [TransitionOperation.ReportLost] = [DeviceState.Lent, DeviceState.Ready],
        [TransitionOperation.StartDisposal] = [DeviceState.Returned, DeviceState.Failed],
        [TransitionOperation.CompleteDisposal] = [DeviceState.Disposing],
    };

    public static TheoryData<TransitionOperation, DeviceState> EveryOperationInEveryState()
    {
        var data = new TheoryData<TransitionOperation, DeviceState>();
        foreach (var operation in Enum.GetValues<TransitionOperation>())
        {
            foreach (var state in Enum.GetValues<DeviceState>())
            {
                data.Add(operation, state);
            }
        }

        return data;
    }

    private static Result<DeviceEvent> Run(TeleworkDevice d, TransitionOperation operation, DateTimeOffset at) => operation switch
    {
        TransitionOperation.StartKitting => d.StartKitting(KittingChecklist.Default, It, at),
        TransitionOperation.MarkReady => d.MarkReady(FreshCertificate(d, at), It, at),
        TransitionOperation.AcceptTerms => d.AcceptTerms(Borrower, Terms, at),
        TransitionOperation.Return => d.Return("外装に小さな傷", It, at),
        TransitionOperation.ReportFailure => d.ReportFailure("電源が入らない", Borrower, at),
        TransitionOperation.StartRekitting => d.StartRekitting(KittingChecklist.Default, It, at),
        TransitionOperation.ReportLost => d.ReportLost("帰宅途中に盗難", Borrower, at),
        TransitionOperation.StartDisposal => d.StartDisposal(It, at),
        TransitionOperation.CompleteDisposal => d.CompleteDisposal(Erasure, It, at),
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };

    [Theory]
    [MemberData(nameof(EveryOperationInEveryState))]
    public void Operation_InEachState_MovesOnlyAlongIssueTransitionsAndOtherwiseNamesAllowedNext(TransitionOperation operation, DeviceState state)
    {
        var d = In(state);
        if (operation == TransitionOperation.AcceptTerms && state == DeviceState.Ready)
        {
            Assert.True(d.Lend(Borrower, Terms, new DateOnly(2027, 3, 31), It, Later).IsOk);
        }

        var before = Describe(d);
        var result = Run(d, operation, Later);

        if (AllowedFrom[operation].Contains(state))
        {
            Assert.True(result.IsOk, result.Error?.Message.En);
            Assert.Equal(Target[operation], d.State);
            Assert.Equal(state, result.Value.From);
            Assert.Equal(Target[operation], result.Value.To);
            Assert.Equal(Later, result.Value.At);
            Assert.Equal(d.Id, result.Value.DeviceId);
        }
        else
        {
            var error = Assert.IsType<TransitionNotAllowed>(result.Error);
            Assert.Equal(state, error.From);
            Assert.Equal(Target[operation], error.To);
            Assert.Equal(DeviceTransitions.AllowedNext(state), error.AllowedNext);
            Assert.StartsWith($"現在の状態「{state.Label().Ja}」から", error.Message.Ja);
            Assert.Equal(before, Describe(d));
        }
    }

    [Fact]
    public void Register_ValidInput_IsOrderedWithARegisterEvent()
    {
        var contract = Guid.NewGuid();
        var result = TeleworkDevice.Register(Tenant, "東村山-PC-0001", "PF-3ABCDE", "Dynabook S73", contract, It, Start);

        Assert.True(result.IsOk);
        var (device, e) = result.Value;
        Assert.Equal(DeviceState.Ordered, device.State);
        Assert.Equal(contract, device.LeaseContractId);
        Assert.Equal(DeviceOperation.Register, e.Operation);
        Assert.Equal((DeviceState.Ordered, DeviceState.Ordered), (e.From, e.To));
        Assert.Equal("東村山-PC-0001", e.Details["assetTag"]);
        Assert.Null(device.Certificate);
    }

    [Theory]
    [InlineData("", "5CG1", "assetTag")]
    [InlineData("PC 0001", "5CG1", "assetTag")]
    [InlineData("PC,0001", "5CG1", "assetTag")]
    [InlineData("PC-0001", "", "serialNumber")]
    [InlineData("PC-0001", "シリアル", "serialNumber")]
    [InlineData("PC-0001", "5CG 1", "serialNumber")]
    public void Register_BadIdentifier_RefusedNamingTheField(string assetTag, string serial, string field)
    {
        var result = TeleworkDevice.Register(Tenant, assetTag, serial, "ThinkPad", null, It, Start);

        var error = Assert.IsType<DeviceInputInvalid>(result.Error);
        Assert.Equal(field, error.Field);
        Assert.StartsWith(field + ": ", error.Message.Ja);
    }

    [Fact]
    public void Register_AssetTagOf65Characters_Refused()
    {
        var result = TeleworkDevice.Register(Tenant, new string('A', 65), "5CG1", "ThinkPad", null, It, Start);

        Assert.Equal("assetTag", Assert.IsType<DeviceInputInvalid>(result.Error).Field);
    }

    [Fact]
    public void StartKitting_CopiesTheChecklist_WithNoTicks()
    {
        var d = Ordered();

        var result = d.StartKitting(KittingChecklist.Default, It, Later);

        Assert.True(result.IsOk);
        Assert.Equal(KittingChecklist.Default.Items, d.Checklist);
        Assert.Empty(d.ChecklistTicks);
        Assert.False(d.IsKittingComplete);
    }

    [Fact]
    public void StartKitting_ChecklistWithDuplicateCode_RefusedAndNothingWritten()
    {
        var d = Ordered();
        var before = Describe(d);
        var checklist = new KittingChecklist([
            new("disk_encryption", new("暗号化", "Encryption")),
            new("disk_encryption", new("暗号化2", "Encryption 2")),
        ]);

        var result = d.StartKitting(checklist, It, Later);

        Assert.Equal("checklist.items[1].code", Assert.IsType<DeviceInputInvalid>(result.Error).Field);
        Assert.Equal(before, Describe(d));
    }

    [Fact]
    public void TickChecklistItem_KeepsWhoAndWhen()
    {
        var d = Ordered();
        d.StartKitting(KittingChecklist.Default, It, Start);

        var result = d.TickChecklistItem("disk_encryption", "tech-sato", Later);

        Assert.True(result.IsOk);
        Assert.Equal(new ChecklistTick("disk_encryption", "tech-sato", Later), Assert.Single(d.ChecklistTicks));
        Assert.Equal("disk_encryption", result.Value.Details["item"]);
        Assert.False(result.Value.IsTransition);
    }

    [Fact]
    public void TickChecklistItem_UnknownItem_RefusedListingTheItems()
    {
        var d = Ordered();
        d.StartKitting(KittingChecklist.Default, It, Start);

        var result = d.TickChecklistItem("certificate_installed", "tech-sato", Later);

        var error = Assert.IsType<ChecklistItemUnknown>(result.Error);
        Assert.Contains("os_image", error.Message.Ja);
        Assert.Empty(d.ChecklistTicks);
    }

    [Fact]
    public void TickChecklistItem_Twice_RefusedNamingTheFirstTick()
    {
        var d = Ordered();
        d.StartKitting(KittingChecklist.Default, It, Start);
        d.TickChecklistItem("os_image", "tech-sato", Start);

        var result = d.TickChecklistItem("os_image", "tech-kato", Later);

        var error = Assert.IsType<ChecklistItemAlreadyTicked>(result.Error);
        Assert.Equal("tech-sato", error.TickedBy);
        Assert.Contains("2026-11-26 09:00", error.Message.Ja);
        Assert.Equal("tech-sato", Assert.Single(d.ChecklistTicks).TickedBy);
    }

    [Fact]
    public void TickChecklistItem_OnAReadyPc_RefusedNamingTheStatesWhereItIsPossible()
    {
        var d = In(DeviceState.Ready);

        var result = d.TickChecklistItem("os_image", "tech-sato", Later);

        var error = Assert.IsType<OperationNotAllowed>(result.Error);
        Assert.Equal("現在の状態「貸出可」の端末では「キッティング項目の完了」はできません。「キッティング中」「再キッティング中」の端末でのみ可能です。", error.Message.Ja);
    }

    [Fact]
    public void MarkReady_WithAnItemUnticked_RefusedNamingTheMissingItem()
    {
        var d = Ordered();
        d.StartKitting(KittingChecklist.Default, It, Start);
        foreach (var code in new[] { "os_image", "closed_vpn_profile", "app_restriction" })
        {
            d.TickChecklistItem(code, "tech-sato", Start);
        }

        var before = Describe(d);
        var result = d.MarkReady(FreshCertificate(d, Later), It, Later);

        var error = Assert.IsType<KittingIncomplete>(result.Error);
        Assert.Equal(["ディスク暗号化の有効化"], error.MissingItems);
        Assert.Equal(error.MissingItems, Assert.IsType<KittingIncomplete>(d.CheckCanMarkReady()).MissingItems);
        Assert.Equal(before, Describe(d));
    }

    [Fact]
    public void MarkReady_AllTicked_IssuesTheCertificateAsTheIdentity()
    {
        var d = In(DeviceState.Kitting);
        Assert.Null(d.CheckCanMarkReady());
        var certificate = FreshCertificate(d, Later);

        var result = d.MarkReady(certificate, It, Later);

        Assert.True(result.IsOk);
        Assert.Equal(DeviceState.Ready, d.State);
        Assert.Equal(certificate, d.Certificate);
        Assert.True(d.HasValidCertificate);
        Assert.Equal(certificate, result.Value.CertificateIssued);
        Assert.Equal(certificate.SerialNumber, result.Value.Details["certificateSerial"]);
    }

    [Fact]
    public void MarkReady_RevokedCertificate_Refused()
    {
        var d = In(DeviceState.Kitting);
        var revoked = FreshCertificate(d, Later) with { RevokedAt = Later, RevocationReason = X509RevocationReason.KeyCompromise };

        var result = d.MarkReady(revoked, It, Later);

        Assert.Equal("device_certificate_unusable", result.Error!.Code);
        Assert.Equal(DeviceState.Kitting, d.State);
    }

    [Fact]
    public void MarkReady_CertificateOfAnotherAssetTag_Refused()
    {
        var d = In(DeviceState.Kitting);
        using var other = Ca.Issue("HM-PC-00010", null, Later).Value;

        var result = d.MarkReady(other.Record, It, Later);

        Assert.Equal("device_certificate_unusable", result.Error!.Code);
        Assert.Contains("HM-PC-0001", result.Error.Message.Ja);
        Assert.Null(d.Certificate);
    }

    [Fact]
    public void MarkReady_CertificateNotValidAtThatTime_Refused()
    {
        var d = In(DeviceState.Kitting);
        var certificate = FreshCertificate(d, Later);

        var result = d.MarkReady(certificate, It, certificate.NotAfter.AddSeconds(1));

        Assert.Equal("device_certificate_unusable", result.Error!.Code);
        Assert.Null(d.Certificate);
    }

    [Fact]
    public void MarkReady_FromReturned_NeedsNoNewTicksButANewCertificate()
    {
        var d = In(DeviceState.Returned);
        var old = d.Certificate!;

        var sameAgain = d.MarkReady(old with { RevokedAt = null, RevocationReason = null }, It, Later);
        var fresh = d.MarkReady(FreshCertificate(d, Later), It, Later);

        Assert.Equal("device_certificate_unusable", sameAgain.Error!.Code);
        Assert.True(fresh.IsOk);
        Assert.NotEqual(old.SerialNumber, d.Certificate!.SerialNumber);
        Assert.Equal(DeviceState.Ready, d.State);
    }

    [Fact]
    public void Lend_ReadyPc_OffersTheLoanAndStaysReadyUntilAccepted()
    {
        var d = In(DeviceState.Ready);

        var result = d.Lend(Borrower, Terms, new DateOnly(2027, 3, 31), It, Later);

        Assert.True(result.IsOk);
        Assert.Equal(DeviceState.Ready, d.State);
        Assert.False(result.Value.IsTransition);
        Assert.Equal(Borrower, d.Loan!.BorrowerStaffId);
        Assert.False(d.Loan.IsAccepted);
        Assert.Equal(Later, d.Loan.LentAt);
    }

    [Fact]
    public void Lend_DueDateBeforeTodayInTokyo_Refused()
    {
        var d = In(DeviceState.Ready);
        var at = new DateTimeOffset(2026, 11, 30, 15, 30, 0, TimeSpan.Zero); // 2026-12-01 00:30 in Tokyo

        var result = d.Lend(Borrower, Terms, new DateOnly(2026, 11, 30), It, at);

        Assert.Equal("dueDate", Assert.IsType<DeviceInputInvalid>(result.Error).Field);
        Assert.Null(d.Loan);
    }

    [Fact]
    public void Lend_WhileAnotherOfferIsPending_RefusedNamingThatBorrower()
    {
        var d = In(DeviceState.Ready);
        d.Lend(Borrower, Terms, new DateOnly(2027, 3, 31), It, Later);

        var result = d.Lend("S0099", Terms, new DateOnly(2027, 3, 31), It, Later);

        Assert.Contains(Borrower, Assert.IsType<LoanAlreadyOffered>(result.Error).Message.Ja);
        Assert.Equal(Borrower, d.Loan!.BorrowerStaffId);
    }

    [Fact]
    public void Lend_CertificateExpired_RefusedUntilRenewed()
    {
        var d = In(DeviceState.Ready);
        var afterExpiry = d.Certificate!.NotAfter.AddDays(1);

        var refused = d.Lend(Borrower, Terms, JapanTime.DateOf(afterExpiry).AddDays(30), It, afterExpiry);
        var renewed = d.RenewCertificate(FreshCertificate(d, afterExpiry), It, afterExpiry);
        var lent = d.Lend(Borrower, Terms, JapanTime.DateOf(afterExpiry).AddDays(30), It, afterExpiry);

        Assert.IsType<DeviceCertificateExpired>(refused.Error);
        Assert.True(renewed.IsOk);
        Assert.True(lent.IsOk);
    }

    [Fact]
    public void AcceptTerms_ByAnotherStaffMember_Forbidden()
    {
        var d = In(DeviceState.Ready);
        d.Lend(Borrower, Terms, new DateOnly(2027, 3, 31), It, Later);

        var result = d.AcceptTerms("S0099", Terms, Later);

        var error = Assert.IsType<NotTheBorrower>(result.Error);
        Assert.Equal(ErrorKind.Forbidden, error.Kind);
        Assert.Equal(DeviceState.Ready, d.State);
    }

    [Fact]
    public void AcceptTerms_OtherVersion_RefusedNamingBoth()
    {
        var d = In(DeviceState.Ready);
        d.Lend(Borrower, Terms, new DateOnly(2027, 3, 31), It, Later);

        var result = d.AcceptTerms(Borrower, "2025-04", Later);

        var error = Assert.IsType<TermsVersionMismatch>(result.Error);
        Assert.Contains("2025-04", error.Message.Ja);
        Assert.Contains(Terms, error.Message.Ja);
        Assert.False(d.Loan!.IsAccepted);
    }

    [Fact]
    public void AcceptTerms_WithoutAnOffer_Refused()
    {
        var d = In(DeviceState.Ready);

        var result = d.AcceptTerms(Borrower, Terms, Later);

        Assert.IsType<NoLoanOffered>(result.Error);
    }

    [Fact]
    public void AcceptTerms_ByTheBorrower_StartsTheLoan()
    {
        var d = In(DeviceState.Ready);
        d.Lend(Borrower, Terms, new DateOnly(2027, 3, 31), It, Start);

        var result = d.AcceptTerms(Borrower, Terms, Later);

        Assert.True(result.IsOk);
        Assert.Equal(DeviceState.Lent, d.State);
        Assert.Equal(Later, d.Loan!.AcceptedAt);
        Assert.Equal(Borrower, result.Value.Actor);
        Assert.Equal(Terms, result.Value.Details["termsVersion"]);
    }

    [Fact]
    public void WithdrawLoanOffer_Pending_ClearsTheOffer()
    {
        var d = In(DeviceState.Ready);
        d.Lend(Borrower, Terms, new DateOnly(2027, 3, 31), It, Start);

        var result = d.WithdrawLoanOffer(It, Later);
        var again = d.WithdrawLoanOffer(It, Later);

        Assert.True(result.IsOk);
        Assert.Null(d.Loan);
        Assert.IsType<NoLoanOffered>(again.Error);
    }

    [Fact]
    public void Return_RevokesTheCertificateAndEndsTheLoan()
    {
        var d = In(DeviceState.Lent);
        var serial = d.Certificate!.SerialNumber;

        var result = d.Return("キーボードに傷", It, Later);

        Assert.True(result.IsOk);
        Assert.False(d.HasValidCertificate);
        Assert.Equal(Later, d.Certificate!.RevokedAt);
        Assert.Equal(X509RevocationReason.CessationOfOperation, d.Certificate.RevocationReason);
        Assert.Equal(serial, result.Value.CertificateRevoked!.SerialNumber);
        Assert.Null(d.Loan);
        Assert.Equal(Borrower, result.Value.Details["borrower"]);
        Assert.Equal("キーボードに傷", result.Value.Details["conditionNotes"]);
    }

    [Fact]
    public void ReportFailure_WithoutDescription_Refused()
    {
        var d = In(DeviceState.Lent);

        var result = d.ReportFailure("  ", Borrower, Later);

        Assert.Equal("description", Assert.IsType<DeviceInputInvalid>(result.Error).Field);
        Assert.True(d.HasValidCertificate);
    }

    [Fact]
    public void ReportFailure_RevokesAndRekittingStartsAFreshChecklist()
    {
        var d = In(DeviceState.Lent);

        var failed = d.ReportFailure("画面が映らない", Borrower, Later);
        var rekitting = d.StartRekitting(KittingChecklist.Default, It, Later.AddDays(1));
        var tooEarly = d.MarkReady(FreshCertificate(d, Later.AddDays(2)), It, Later.AddDays(2));

        Assert.NotNull(failed.Value.CertificateRevoked);
        Assert.True(rekitting.IsOk);
        Assert.Empty(d.ChecklistTicks);
        Assert.IsType<KittingIncomplete>(tooEarly.Error);
    }

    [Fact]
    public void ReportLost_WhileLent_RevokesAtOnceAsKeyCompromiseAndOrdersAWipe()
    {
        var d = In(DeviceState.Lent);

        var result = d.ReportLost("電車内に置き忘れ", Borrower, Later);

        Assert.True(result.IsOk);
        Assert.Equal(DeviceState.Lost, d.State);
        Assert.Equal(Later, d.Certificate!.RevokedAt);
        Assert.Equal(X509RevocationReason.KeyCompromise, d.Certificate.RevocationReason);
        Assert.Equal(new WipeOrder(Borrower, Later, "電車内に置き忘れ"), d.WipeOrder);
        Assert.Equal(Borrower, result.Value.Actor);
        Assert.Equal("true", result.Value.Details["wipeOrdered"]);
        Assert.Null(d.Loan);
    }

    [Fact]
    public void ReportLost_ReadyWithPendingOffer_EndsTheOffer()
    {
        var d = In(DeviceState.Ready);
        d.Lend(Borrower, Terms, new DateOnly(2027, 3, 31), It, Start);

        var result = d.ReportLost("倉庫で所在不明", It, Later);

        Assert.True(result.IsOk);
        Assert.Null(d.Loan);
        Assert.Equal("false", result.Value.Details["loanAccepted"]);
    }

    [Fact]
    public void CompleteDisposal_WithoutErasureCertificate_RefusedListingEveryField()
    {
        var d = In(DeviceState.Disposing);

        var result = d.CompleteDisposal(null, It, Later);

        var error = Assert.IsType<ErasureCertificateIncomplete>(result.Error);
        Assert.Equal(5, error.MissingFields.Count);
        Assert.StartsWith("データ消去証明書の記載が足りないため廃棄済にできません。", error.Message.Ja);
        Assert.Equal(DeviceState.Disposing, d.State);
    }

    [Fact]
    public void CompleteDisposal_CertificateWithoutNumberOrDocument_RefusedNamingThem()
    {
        var d = In(DeviceState.Disposing);

        var result = d.CompleteDisposal(Erasure with { CertificateNumber = " ", DocumentReference = "" }, It, Later);

        var error = Assert.IsType<ErasureCertificateIncomplete>(result.Error);
        Assert.Equal(["証明書番号 (certificateNumber)", "証明書の原本 (documentReference)"], error.MissingFields);
        Assert.Null(d.ErasureCertificate);
    }

    [Fact]
    public void CompleteDisposal_ErasureDatedTomorrow_Refused()
    {
        var d = In(DeviceState.Disposing);

        var result = d.CompleteDisposal(Erasure with { ErasedOn = JapanTime.DateOf(Later).AddDays(1) }, It, Later);

        Assert.Equal("erasureCertificate.erasedOn", Assert.IsType<DeviceInputInvalid>(result.Error).Field);
    }

    [Fact]
    public void CompleteDisposal_CompleteCertificate_DisposedWithTheCertificateKept()
    {
        var d = In(DeviceState.Disposing);

        var result = d.CompleteDisposal(Erasure, It, Later);

        Assert.True(result.IsOk);
        Assert.Equal(DeviceState.Disposed, d.State);
        Assert.Equal(Erasure, d.ErasureCertificate);
        Assert.Equal("ER-2026-000123", result.Value.Details["erasureCertificateNumber"]);
    }

    [Fact]
    public void RenewCertificate_Lent_RevokesTheOldOneAsSuperseded()
    {
        var d = In(DeviceState.Lent);
        var old = d.Certificate!;
        var fresh = FreshCertificate(d, Later);

        var result = d.RenewCertificate(fresh, It, Later);

        Assert.True(result.IsOk);
        Assert.Equal(fresh, d.Certificate);
        Assert.Equal(old.SerialNumber, result.Value.CertificateRevoked!.SerialNumber);
        Assert.Equal(X509RevocationReason.Superseded, result.Value.CertificateRevoked.RevocationReason);
        Assert.Equal(DeviceState.Lent, d.State);
    }

    [Fact]
    public void RenewCertificate_Returned_Refused()
    {
        var d = In(DeviceState.Returned);

        var result = d.RenewCertificate(FreshCertificate(d, Later), It, Later);

        Assert.IsType<OperationNotAllowed>(result.Error);
        Assert.False(d.HasValidCertificate);
    }

    [Fact]
    public void IsLoanOverdue_OnTheDueDate_NotYetAndTheDayAfter_Overdue()
    {
        var d = In(DeviceState.Lent);

        Assert.False(d.IsLoanOverdue(new DateOnly(2027, 3, 31)));
        Assert.True(d.IsLoanOverdue(new DateOnly(2027, 4, 1)));
    }

    [Fact]
    public void Operation_WithoutActor_Refused()
    {
        var d = Ordered();

        var result = d.StartKitting(KittingChecklist.Default, "", Later);

        Assert.Equal("by", Assert.IsType<DeviceInputInvalid>(result.Error).Field);
        Assert.Equal(DeviceState.Ordered, d.State);
    }
}
