using Zaitaku.Devices;
using Zaitaku.Devices.Pki;

namespace Zaitaku.Core.Tests.Devices;

/// <summary>Builds PCs in each state through the real operations, with certificates from a real tenant CA.</summary>
internal static class DeviceScenario
{
    /// <summary>2026-11-26 09:00 in Tokyo.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);

    public static readonly Guid Tenant = Guid.Parse("0f4b4d8e-3d1c-4b53-9d59-0e1f0c2a1301");

    public const string It = "it-suzuki";
    public const string Borrower = "S0042";
    public const string Terms = "2026-04";

    private static readonly Lazy<DeviceCertificateAuthority> LazyCa = new(() =>
        DeviceCertificateAuthority.Create("132136", "東村山市", Start.AddDays(-1), TimeSpan.FromDays(365 * 30)).Value);

    /// <summary>One CA for the whole test run, valid 30 years so random sequences stay inside it.</summary>
    public static DeviceCertificateAuthority Ca => LazyCa.Value;

    public static readonly ErasureCertificate Erasure = new()
    {
        Method = ErasureCertificate.NistPurge,
        Operator = "株式会社サンプルリース 田中",
        ErasedOn = new DateOnly(2026, 11, 20),
        CertificateNumber = "ER-2026-000123",
        DocumentReference = "doc://erasure/ER-2026-000123.pdf",
    };

    /// <summary>A new certificate from the CA for the device, at <paramref name="at"/>.</summary>
    public static DeviceCertificate FreshCertificate(TeleworkDevice device, DateTimeOffset at)
    {
        using var issued = Ca.Issue(device.AssetTag, device.SerialNumber, at).Value;
        return issued.Record;
    }

    public static TeleworkDevice Ordered(string assetTag = "HM-PC-0001") =>
        TeleworkDevice.Register(Tenant, assetTag, "5CG1234XYZ", "ThinkPad L13 Gen 5", null, It, Start).Value.Device;

    /// <summary>In a state, prepared so that only the state matters for the next step (kitting items all ticked).</summary>
    public static TeleworkDevice In(DeviceState state)
    {
        var d = Ordered();
        var t = Start;
        void Ok<T>(Result<T> r)
        {
            t = t.AddMinutes(10);
            if (!r.IsOk)
            {
                throw new InvalidOperationException(r.Error!.Message.En);
            }
        }

        void TickAll()
        {
            foreach (var item in d.Checklist)
            {
                Ok(d.TickChecklistItem(item.Code, "tech-sato", t));
            }
        }

        void ToReady()
        {
            Ok(d.StartKitting(KittingChecklist.Default, It, t));
            TickAll();
            Ok(d.MarkReady(FreshCertificate(d, t), It, t));
        }

        void ToLent()
        {
            ToReady();
            Ok(d.Lend(Borrower, Terms, new DateOnly(2027, 3, 31), It, t));
            Ok(d.AcceptTerms(Borrower, Terms, t));
        }

        switch (state)
        {
            case DeviceState.Ordered:
                break;
            case DeviceState.Kitting:
                Ok(d.StartKitting(KittingChecklist.Default, It, t));
                TickAll();
                break;
            case DeviceState.Ready:
                ToReady();
                break;
            case DeviceState.Lent:
                ToLent();
                break;
            case DeviceState.Returned:
                ToLent();
                Ok(d.Return("傷なし", It, t));
                break;
            case DeviceState.Failed:
                ToLent();
                Ok(d.ReportFailure("起動しない", Borrower, t));
                break;
            case DeviceState.Rekitting:
                ToLent();
                Ok(d.ReportFailure("起動しない", Borrower, t));
                Ok(d.StartRekitting(KittingChecklist.Default, It, t));
                TickAll();
                break;
            case DeviceState.Lost:
                ToLent();
                Ok(d.ReportLost("電車内に置き忘れ", Borrower, t));
                break;
            case DeviceState.Disposing:
                ToLent();
                Ok(d.Return("傷なし", It, t));
                Ok(d.StartDisposal(It, t));
                break;
            case DeviceState.Disposed:
                ToLent();
                Ok(d.Return("傷なし", It, t));
                Ok(d.StartDisposal(It, t));
                Ok(d.CompleteDisposal(Erasure, It, t));
                break;
        }

        if (d.State != state)
        {
            throw new InvalidOperationException($"Scenario reached {d.State}, not {state}.");
        }

        return d;
    }

    /// <summary>Everything the device records, as text: equal before and after means nothing was written.</summary>
    public static string Describe(TeleworkDevice d) => string.Join("|",
        d.Id, d.TenantId, d.AssetTag, d.SerialNumber, d.Model, d.LeaseContractId, d.State, d.RegisteredAt, d.LastChangedAt,
        d.Certificate, string.Join(",", d.Checklist.Select(i => i.Code)), string.Join(",", d.ChecklistTicks), d.Loan, d.WipeOrder, d.ErasureCertificate);
}
