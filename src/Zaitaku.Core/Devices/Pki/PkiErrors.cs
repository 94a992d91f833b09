namespace Zaitaku.Devices.Pki;

/// <summary>The stored CA key cannot be used: wrong protector, damaged data, or a key that is not the certificate's.</summary>
public sealed record CaKeyUnreadable(LocalizedText Reason)
    : Error("ca_key_unreadable", new($"認証局の秘密鍵を読み込めません: {Reason.Ja}", $"The CA private key cannot be loaded: {Reason.En}"))
{
    public override ErrorKind Kind => ErrorKind.Conflict;
}

/// <summary>The tenant CA is not valid at the time of issue (expired or not yet valid): a new CA is needed.</summary>
public sealed record CaNotValid(DateTimeOffset At, DateTimeOffset NotBefore, DateTimeOffset NotAfter)
    : Error("ca_not_valid", new(
        $"認証局の有効期間（{JapanTime.ToTokyo(NotBefore):yyyy-MM-dd}〜{JapanTime.ToTokyo(NotAfter):yyyy-MM-dd}）外のため証明書を発行できません。",
        $"No certificate can be issued outside the CA's validity ({JapanTime.ToTokyo(NotBefore):yyyy-MM-dd} to {JapanTime.ToTokyo(NotAfter):yyyy-MM-dd})."))
{
    public override ErrorKind Kind => ErrorKind.Conflict;
}

/// <summary>Why a presented certificate is not a valid device identity of this tenant.</summary>
public enum CertificateRejectionReason
{
    /// <summary>Not signed by this tenant's CA (another tenant's, self-made, or damaged).</summary>
    NotIssuedByThisAuthority,

    /// <summary>Before its not-before time.</summary>
    NotYetValid,

    /// <summary>After its not-after time.</summary>
    Expired,

    /// <summary>On the tenant's revocation list.</summary>
    Revoked,

    /// <summary>Not a client-authentication end-entity certificate (e.g. the CA certificate itself).</summary>
    WrongUsage,
}

/// <summary>A presented certificate was refused, with the reason as a stable code.</summary>
public sealed record DeviceCertificateRejected(CertificateRejectionReason Reason, string? SerialNumber)
    : Error(CodeOf(Reason), Describe(Reason, SerialNumber))
{
    public override ErrorKind Kind => ErrorKind.Forbidden;

    /// <summary>The stable code of a reason.</summary>
    public static string CodeOf(CertificateRejectionReason reason) => reason switch
    {
        CertificateRejectionReason.NotIssuedByThisAuthority => "certificate_not_issued_by_tenant_ca",
        CertificateRejectionReason.NotYetValid => "certificate_not_yet_valid",
        CertificateRejectionReason.Expired => "certificate_expired",
        CertificateRejectionReason.Revoked => "certificate_revoked",
        CertificateRejectionReason.WrongUsage => "certificate_wrong_usage",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    private static LocalizedText Describe(CertificateRejectionReason reason, string? serial)
    {
        var s = serial is null ? string.Empty : $"（シリアル {serial}）";
        var e = serial is null ? string.Empty : $" ({serial})";
        return reason switch
        {
            CertificateRejectionReason.NotIssuedByThisAuthority => new($"端末証明書{s}はこの自治体の認証局が発行したものではありません。", $"The device certificate{e} was not issued by this tenant's CA."),
            CertificateRejectionReason.NotYetValid => new($"端末証明書{s}はまだ有効期間が始まっていません。", $"The device certificate{e} is not yet valid."),
            CertificateRejectionReason.Expired => new($"端末証明書{s}は有効期限切れです。", $"The device certificate{e} has expired."),
            CertificateRejectionReason.Revoked => new($"端末証明書{s}は失効しています（紛失・返却・故障など）。", $"The device certificate{e} is revoked (lost, returned, failed, …)."),
            CertificateRejectionReason.WrongUsage => new($"証明書{s}は端末のクライアント認証用ではありません。", $"The certificate{e} is not a device client-authentication certificate."),
            _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
        };
    }
}
