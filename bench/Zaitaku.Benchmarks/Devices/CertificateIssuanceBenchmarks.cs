using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using Zaitaku.Devices.Pki;

namespace Zaitaku.Benchmarks.Devices;

/// <summary>
/// Issue 3 wants at least 200 certificate issuances a second on one core. Each benchmark is one
/// issuance on one thread: key generation and signing; then with the PKCS#12 export; then the
/// full hand-out (PKCS#12 and encrypted PEM under a new one-time password). Validation of a
/// presented certificate (the posture endpoint's per-connection check) is measured beside them.
/// </summary>
[MemoryDiagnoser]
public class CertificateIssuanceBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);
    private DeviceCertificateAuthority _ca = null!;
    private DeviceCertificateValidator _validator = null!;
    private X509Certificate2 _presented = null!;

    [GlobalSetup]
    public void Setup()
    {
        _ca = DeviceCertificateAuthority.Create("132136", "東村山市", Now.AddDays(-1)).Value;
        using var issued = _ca.Issue("HM-PC-0001", "5CG1234XYZ", Now).Value;
        _presented = X509CertificateLoader.LoadCertificate(issued.Certificate.RawData);
        var revoked = Enumerable.Range(0, 10_000).Select(_ => Convert.ToHexString(CertificateSerial.NewRandom()));
        _validator = new DeviceCertificateValidator(_ca.Certificate, RevokedSerialSet.From(revoked));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _presented.Dispose();
        _validator.Dispose();
        _ca.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Issue (P-256 key generation + signing)")]
    public string Issue()
    {
        using var issued = _ca.Issue("HM-PC-0001", "5CG1234XYZ", Now).Value;
        return issued.Record.SerialNumber;
    }

    [Benchmark(Description = "Issue + PKCS#12 export")]
    public int IssueAndExportPkcs12()
    {
        using var issued = _ca.Issue("HM-PC-0001", "5CG1234XYZ", Now).Value;
        return issued.ExportPkcs12(OneTimePassword.New()).Length;
    }

    [Benchmark(Description = "Issue + full hand-out (PKCS#12 + encrypted PEM)")]
    public int IssueAndHandout()
    {
        using var issued = _ca.Issue("HM-PC-0001", "5CG1234XYZ", Now).Value;
        var handout = issued.CreateHandout();
        return handout.Pkcs12.Length + handout.EncryptedPrivateKeyPem.Length;
    }

    [Benchmark(Description = "Validate a presented certificate (10,000 revoked)")]
    public bool Validate() => _validator.Validate(_presented, Now.AddDays(1)).IsOk;
}
