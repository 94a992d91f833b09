using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Zaitaku.Devices.Pki;

namespace Zaitaku.Core.Tests.Devices.Pki;

public sealed class DeviceCertificateAuthorityTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);
    private readonly DeviceCertificateAuthority _ca = DeviceCertificateAuthority.Create("132136", "東村山市", Now.AddDays(-1)).Value;

    public void Dispose() => _ca.Dispose();

    private IssuedDeviceCertificate Issue(string assetTag = "HM-PC-0001", DateTimeOffset? at = null) =>
        _ca.Issue(assetTag, "5CG1234XYZ", at ?? Now).Value;

    [Fact]
    public void Create_Authority_IsAnEcP256CaThatSignsCertificatesAndCrls()
    {
        var cert = _ca.Certificate;

        Assert.False(cert.HasPrivateKey);
        using var key = cert.GetECDsaPublicKey()!;
        Assert.Equal(256, key.KeySize);
        var constraints = Assert.Single(cert.Extensions.OfType<X509BasicConstraintsExtension>());
        Assert.True(constraints.CertificateAuthority);
        Assert.True(constraints.Critical);
        var usage = Assert.Single(cert.Extensions.OfType<X509KeyUsageExtension>()).KeyUsages;
        Assert.Equal(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, usage);
        Assert.Contains("O=東村山市", cert.Subject);
        Assert.Contains("OU=132136", cert.Subject);
        Assert.Equal(("132136", "東村山市"), (_ca.TenantCode, _ca.TenantName));
    }

    [Theory]
    [InlineData("", "東村山市", "tenantCode")]
    [InlineData("13 2136", "東村山市", "tenantCode")]
    [InlineData("132136", "", "tenantName")]
    public void Create_BadTenant_RefusedNamingTheField(string code, string name, string field)
    {
        var result = DeviceCertificateAuthority.Create(code, name, Now);

        Assert.Equal(field, Assert.IsType<Zaitaku.Devices.DeviceInputInvalid>(result.Error).Field);
    }

    [Fact]
    public void Issue_DeviceCertificate_IsEcP256ClientAuthenticationEndEntity()
    {
        using var issued = Issue();
        var cert = issued.Certificate;

        Assert.True(cert.HasPrivateKey);
        using var key = cert.GetECDsaPublicKey()!;
        Assert.Equal(256, key.KeySize);
        Assert.Equal(ECCurve.NamedCurves.nistP256.Oid.Value, key.ExportParameters(false).Curve.Oid.Value);
        var eku = Assert.Single(cert.Extensions.OfType<X509EnhancedKeyUsageExtension>());
        Assert.Equal(["1.3.6.1.5.5.7.3.2"], eku.EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value));
        var usage = Assert.Single(cert.Extensions.OfType<X509KeyUsageExtension>());
        Assert.Equal(X509KeyUsageFlags.DigitalSignature, usage.KeyUsages);
        Assert.True(usage.Critical);
        var constraints = Assert.Single(cert.Extensions.OfType<X509BasicConstraintsExtension>());
        Assert.False(constraints.CertificateAuthority);
        Assert.True(constraints.Critical);
    }

    [Fact]
    public void Issue_KeyIdentifiers_LinkToTheAuthority()
    {
        using var issued = Issue();

        var ski = Assert.Single(issued.Certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>());
        var aki = Assert.Single(issued.Certificate.Extensions.OfType<X509AuthorityKeyIdentifierExtension>());
        var caSki = Assert.Single(_ca.Certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>());
        Assert.Equal(caSki.SubjectKeyIdentifier, Convert.ToHexString(aki.KeyIdentifier!.Value.Span));
        Assert.NotEqual(caSki.SubjectKeyIdentifier, ski.SubjectKeyIdentifier);
    }

    [Fact]
    public void Issue_Subject_NamesAssetTagHardwareSerialAndTenant()
    {
        using var issued = _ca.Issue("東村山-PC-0001", "5CG1234XYZ", Now).Value;

        var rdns = issued.Certificate.SubjectName.EnumerateRelativeDistinguishedNames()
            .Select(r => (r.GetSingleElementType().Value, r.GetSingleElementValue())).ToList();
        Assert.Equal([("2.5.4.10", "東村山市"), ("2.5.4.11", "132136"), ("2.5.4.5", "5CG1234XYZ"), ("2.5.4.3", "東村山-PC-0001")], rdns);
        Assert.Equal("CN=東村山-PC-0001, SERIALNUMBER=5CG1234XYZ, OU=132136, O=東村山市", issued.Record.Subject);
        Assert.Equal(_ca.Certificate.SubjectName.RawData, issued.Certificate.IssuerName.RawData);
    }

    [Fact]
    public void Issue_Serial_IsPositiveExactly128BitsAndDifferentEachTime()
    {
        var serials = new HashSet<string>();
        for (var i = 0; i < 20; i++)
        {
            using var issued = Issue();
            var bytes = issued.Certificate.SerialNumberBytes.Span;
            var value = new BigInteger(bytes, isUnsigned: false, isBigEndian: true);
            Assert.True(value.Sign > 0);
            Assert.Equal(128, (int)value.GetBitLength());
            serials.Add(issued.Record.SerialNumber);
        }

        Assert.Equal(20, serials.Count);
    }

    [Fact]
    public void Issue_DefaultValidity_IsTwoYearsFromNowWithFiveMinutesOfSkew()
    {
        using var issued = Issue();

        Assert.Equal(Now.AddMinutes(-5), issued.Record.NotBefore);
        Assert.Equal(Now.AddDays(730), issued.Record.NotAfter);
        Assert.Equal(new DateTimeOffset(issued.Certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero), issued.Record.NotAfter);
    }

    [Fact]
    public void Issue_ConfiguredValidity_IsUsed()
    {
        using var issued = _ca.Issue("HM-PC-0001", null, Now, TimeSpan.FromDays(365)).Value;

        Assert.Equal(Now.AddDays(365), issued.Record.NotAfter);
        Assert.DoesNotContain("SERIALNUMBER", issued.Certificate.Subject);
    }

    [Fact]
    public void Issue_ValidityBeyondTheAuthority_EndsWithTheAuthority()
    {
        using var shortCa = DeviceCertificateAuthority.Create("132136", "東村山市", Now, TimeSpan.FromDays(100)).Value;

        using var issued = shortCa.Issue("HM-PC-0001", null, Now).Value;

        Assert.Equal(shortCa.NotAfter, issued.Record.NotAfter);
    }

    [Fact]
    public void Issue_AfterTheAuthorityExpired_Refused()
    {
        var result = _ca.Issue("HM-PC-0001", null, _ca.NotAfter.AddSeconds(1));

        Assert.IsType<CaNotValid>(result.Error);
    }

    [Theory]
    [InlineData("PC 1", null, "assetTag")]
    [InlineData("PC-1", "シリアル", "serialNumber")]
    public void Issue_BadSubjectInput_Refused(string assetTag, string? serial, string field)
    {
        var result = _ca.Issue(assetTag, serial, Now);

        Assert.Equal(field, Assert.IsType<Zaitaku.Devices.DeviceInputInvalid>(result.Error).Field);
    }

    [Fact]
    public void Issue_Certificate_ChainsToTheAuthority()
    {
        using var issued = Issue();
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_ca.Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = Now.AddDays(1).UtcDateTime;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.2"));

        var built = chain.Build(issued.Certificate);

        Assert.True(built, string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        Assert.Equal(_ca.Certificate.Thumbprint, chain.ChainElements[^1].Certificate.Thumbprint);
    }

    [Fact]
    public void Handout_Pkcs12_OpensOnlyWithItsOneTimePassword()
    {
        using var issued = Issue();

        var handout = issued.CreateHandout();

        using var opened = X509CertificateLoader.LoadPkcs12(handout.Pkcs12, handout.Password);
        Assert.True(opened.HasPrivateKey);
        Assert.Equal(issued.Certificate.Thumbprint, opened.Thumbprint);
        Assert.ThrowsAny<CryptographicException>(() => X509CertificateLoader.LoadPkcs12(handout.Pkcs12, "wrong-password-16"));
        Assert.ThrowsAny<CryptographicException>(() => X509CertificateLoader.LoadPkcs12(handout.Pkcs12, null));
    }

    [Fact]
    public void Handout_Pem_GivesCertificateAndKeyOpeningWithThePassword()
    {
        using var issued = Issue();

        var handout = issued.CreateHandout();

        Assert.StartsWith("-----BEGIN CERTIFICATE-----", handout.CertificatePem);
        Assert.StartsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----", handout.EncryptedPrivateKeyPem);
        using var fromPem = X509Certificate2.CreateFromEncryptedPem(handout.CertificatePem, handout.EncryptedPrivateKeyPem, handout.Password);
        Assert.True(fromPem.HasPrivateKey);
        Assert.Equal(issued.Certificate.Thumbprint, fromPem.Thumbprint);
        Assert.ThrowsAny<CryptographicException>(() =>
            X509Certificate2.CreateFromEncryptedPem(handout.CertificatePem, handout.EncryptedPrivateKeyPem, "wrong"));
    }

    [Fact]
    public void Handout_EachTime_HasANewPassword()
    {
        using var issued = Issue();

        Assert.NotEqual(issued.CreateHandout().Password, issued.CreateHandout().Password);
    }

    [Fact]
    public void OneTimePassword_New_Is16CharactersOfTheUnambiguousAlphabet()
    {
        for (var i = 0; i < 200; i++)
        {
            var password = OneTimePassword.New();
            Assert.Equal(16, password.Length);
            Assert.All(password, c => Assert.Contains(c, OneTimePassword.Alphabet));
        }

        foreach (var ambiguous in "0Oo1lI2S")
        {
            Assert.DoesNotContain(ambiguous, OneTimePassword.Alphabet);
        }
    }

    [Fact]
    public void Validate_IssuedCertificate_GivesSerialAndAssetTag()
    {
        using var issued = Issue("HM-PC-0042");
        using var presented = X509CertificateLoader.LoadCertificate(issued.Certificate.RawData);

        var result = _ca.Validate(presented, RevokedSerialSet.Empty, Now.AddDays(1));

        Assert.True(result.IsOk, result.Error?.Code);
        Assert.Equal("HM-PC-0042", result.Value.AssetTag);
        Assert.Equal(issued.Record.SerialNumber, result.Value.SerialNumber);
        Assert.Equal(issued.Record.Thumbprint, result.Value.Thumbprint);
    }

    [Fact]
    public void Validator_SharedAcrossThreads_GivesTheSameAnswers()
    {
        using var good = Issue("HM-PC-0001");
        using var bad = Issue("HM-PC-0002");
        using var validator = new DeviceCertificateValidator(_ca.Certificate, RevokedSerialSet.From([bad.Record.SerialNumber]));
        var answers = new System.Collections.Concurrent.ConcurrentBag<(bool Good, string? Code)>();

        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var isGood = i % 2 == 0;
            answers.Add((isGood, validator.Validate(isGood ? good.Certificate : bad.Certificate, Now.AddDays(1)).Error?.Code));
        });

        Assert.All(answers, a => Assert.Equal(a.Good ? null : "certificate_revoked", a.Code));
    }

    [Fact]
    public void Validator_SameCertificateAgainAfterItsEnd_Expired()
    {
        // The validator remembers a certificate it has checked; validity must still be judged at each call.
        using var issued = Issue();
        using var validator = new DeviceCertificateValidator(_ca.Certificate, RevokedSerialSet.Empty);

        var first = validator.Validate(issued.Certificate, Now.AddDays(1));
        var beforeStart = validator.Validate(issued.Certificate, issued.Record.NotBefore.AddSeconds(-1));
        var afterEnd = validator.Validate(issued.Certificate, issued.Record.NotAfter.AddSeconds(1));

        Assert.True(first.IsOk);
        Assert.Equal("certificate_not_yet_valid", beforeStart.Error!.Code);
        Assert.Equal("certificate_expired", afterEnd.Error!.Code);
    }

    [Fact]
    public void Validator_ForgedTwinOfACheckedCertificate_StillNotIssuedByThisAuthority()
    {
        // Same issuer name, asset tag and serial number as a certificate already accepted, signed by an impostor.
        using var genuine = Issue("HM-PC-0001");
        using var validator = new DeviceCertificateValidator(_ca.Certificate, RevokedSerialSet.Empty);
        Assert.True(validator.Validate(genuine.Certificate, Now.AddDays(1)).IsOk);
        using var impostorKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(genuine.Certificate.SubjectName, key, HashAlgorithmName.SHA256);
        foreach (var extension in genuine.Certificate.Extensions) request.CertificateExtensions.Add(extension);
        using var forged = request.Create(_ca.Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(impostorKey),
            genuine.Certificate.NotBefore, genuine.Certificate.NotAfter, genuine.Certificate.GetSerialNumber().Reverse().ToArray());
        Assert.Equal(genuine.Certificate.SerialNumber, forged.SerialNumber);

        var result = validator.Validate(forged, Now.AddDays(1));
        var again = validator.Validate(forged, Now.AddDays(1));

        Assert.Equal("certificate_not_issued_by_tenant_ca", result.Error!.Code);
        Assert.Equal("certificate_not_issued_by_tenant_ca", again.Error!.Code);
    }

    [Fact]
    public void Validate_RevokedSerial_Refused()
    {
        using var issued = Issue();
        var revoked = RevokedSerialSet.From([issued.Record.SerialNumber]);

        var result = _ca.Validate(issued.Certificate, revoked, Now.AddDays(1));

        Assert.Equal("certificate_revoked", result.Error!.Code);
        Assert.Equal(CertificateRejectionReason.Revoked, Assert.IsType<DeviceCertificateRejected>(result.Error).Reason);
    }

    [Fact]
    public void Validate_AtNotAfter_StillValid_OneSecondLater_Expired()
    {
        using var issued = Issue();

        var atEnd = _ca.Validate(issued.Certificate, RevokedSerialSet.Empty, issued.Record.NotAfter);
        var after = _ca.Validate(issued.Certificate, RevokedSerialSet.Empty, issued.Record.NotAfter.AddSeconds(1));

        Assert.True(atEnd.IsOk);
        Assert.Equal("certificate_expired", after.Error!.Code);
    }

    [Fact]
    public void Validate_BeforeNotBefore_NotYetValid()
    {
        using var issued = Issue();

        var result = _ca.Validate(issued.Certificate, RevokedSerialSet.Empty, issued.Record.NotBefore.AddSeconds(-1));

        Assert.Equal("certificate_not_yet_valid", result.Error!.Code);
    }

    [Fact]
    public void Validate_AnotherTenantsCertificate_NotIssuedByThisAuthority()
    {
        using var other = DeviceCertificateAuthority.Create("132012", "八王子市", Now.AddDays(-1)).Value;
        using var foreign = other.Issue("HM-PC-0001", null, Now).Value;

        var result = _ca.Validate(foreign.Certificate, RevokedSerialSet.Empty, Now.AddDays(1));

        Assert.Equal("certificate_not_issued_by_tenant_ca", result.Error!.Code);
        Assert.Equal(ErrorKind.Forbidden, result.Error.Kind);
    }

    [Fact]
    public void Validate_ImpostorCaWithTheSameName_NotIssuedByThisAuthority()
    {
        using var impostor = DeviceCertificateAuthority.Create("132136", "東村山市", Now.AddDays(-1)).Value;
        using var forged = impostor.Issue("HM-PC-0001", null, Now).Value;
        Assert.Equal(_ca.Certificate.Subject, forged.Certificate.Issuer);

        var result = _ca.Validate(forged.Certificate, RevokedSerialSet.Empty, Now.AddDays(1));

        Assert.Equal("certificate_not_issued_by_tenant_ca", result.Error!.Code);
    }

    [Fact]
    public void Validate_TheAuthorityCertificateItself_WrongUsage()
    {
        var result = _ca.Validate(_ca.Certificate, RevokedSerialSet.Empty, Now.AddDays(1));

        Assert.Equal("certificate_wrong_usage", result.Error!.Code);
    }

    [Fact]
    public void Validate_ServerCertificateSignedWithTheCaKey_WrongUsage()
    {
        // A certificate the CA key signed but for server authentication, built the way an insider could.
        var stored = _ca.Export(new AesGcmCaKeyProtector(new byte[32]));
        var pkcs8 = new AesGcmCaKeyProtector(new byte[32]).Unprotect(stored.ProtectedPrivateKey);
        using var caKey = ECDsa.Create();
        caKey.ImportPkcs8PrivateKey(pkcs8, out _);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=gateway.example.lg.jp", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var server = request.Create(_ca.Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), Now, Now.AddDays(30), [0x01, 0x02]);

        var result = _ca.Validate(server, RevokedSerialSet.Empty, Now.AddDays(1));

        Assert.Equal("certificate_wrong_usage", result.Error!.Code);
    }

    [Fact]
    public void Crl_Built_ParsesAndListsExactlyTheRevokedSerialsSignedByTheAuthority()
    {
        using var lost = Issue("HM-PC-0001");
        using var returned = Issue("HM-PC-0002");
        using var stillValid = Issue("HM-PC-0003");
        var entries = new[]
        {
            new RevokedCertificateEntry(lost.Record.SerialNumber, Now.AddHours(1), X509RevocationReason.KeyCompromise),
            new RevokedCertificateEntry(returned.Record.SerialNumber, Now.AddHours(2), X509RevocationReason.CessationOfOperation),
        };

        var crl = _ca.BuildCrl(entries, new BigInteger(7), Now.AddHours(3), Now.AddDays(7)).Value;

        var loaded = CertificateRevocationListBuilder.Load(crl, out var number);
        Assert.Equal(new BigInteger(7), number);
        var parsed = ParseCrl(crl);
        Assert.Equal(
            new[] { lost.Record.SerialNumber, returned.Record.SerialNumber }.Order(),
            parsed.Serials.Order());
        Assert.DoesNotContain(stillValid.Record.SerialNumber, parsed.Serials);
        Assert.Equal(Now.AddHours(3), parsed.ThisUpdate);
        Assert.Equal(Now.AddDays(7), parsed.NextUpdate);
        using var caKey = _ca.Certificate.GetECDsaPublicKey()!;
        Assert.True(caKey.VerifyData(parsed.Tbs, parsed.Signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        Assert.True(loaded.RemoveEntry(CertificateSerial.ToBytes(lost.Record.SerialNumber)));
        Assert.False(loaded.RemoveEntry(CertificateSerial.ToBytes(stillValid.Record.SerialNumber)));
    }

    [Fact]
    public void Crl_NextUpdateNotAfterThisUpdate_Refused()
    {
        var result = _ca.BuildCrl([], BigInteger.One, Now, Now);

        Assert.Equal("nextUpdate", Assert.IsType<Zaitaku.Devices.DeviceInputInvalid>(result.Error).Field);
    }

    [Fact]
    public void ExportImport_WithTheKeyFile_IssuesCertificatesTheOriginalAuthorityAccepts()
    {
        var protector = new AesGcmCaKeyProtector(AesGcmCaKeyProtector.NewKey());
        var stored = _ca.Export(protector);

        using var imported = DeviceCertificateAuthority.Import(stored, protector).Value;
        using var issued = imported.Issue("HM-PC-0009", null, Now).Value;

        Assert.Equal(("132136", "東村山市"), (imported.TenantCode, imported.TenantName));
        Assert.Equal(_ca.Certificate.Thumbprint, imported.Certificate.Thumbprint);
        Assert.True(_ca.Validate(issued.Certificate, RevokedSerialSet.Empty, Now.AddDays(1)).IsOk);
    }

    [Fact]
    public void AesGcmCaKeyProtector_Protect_HidesThePlaintextAndRoundTrips()
    {
        var protector = new AesGcmCaKeyProtector(AesGcmCaKeyProtector.NewKey());
        var secret = RandomNumberGenerator.GetBytes(64);

        var first = protector.Protect(secret);
        var second = protector.Protect(secret);

        Assert.True(first.AsSpan().IndexOf(secret.AsSpan(0, 16)) < 0);
        Assert.NotEqual(first, second); // a fresh nonce each time
        Assert.Equal(secret, protector.Unprotect(first));
        Assert.Throws<ArgumentException>(() => new AesGcmCaKeyProtector(new byte[16]));
    }

    [Fact]
    public void Import_WithAnotherKeyFile_RefusedAsUnreadable()
    {
        var stored = _ca.Export(new AesGcmCaKeyProtector(AesGcmCaKeyProtector.NewKey()));

        var result = DeviceCertificateAuthority.Import(stored, new AesGcmCaKeyProtector(AesGcmCaKeyProtector.NewKey()));

        Assert.Equal("ca_key_unreadable", result.Error!.Code);
    }

    [Fact]
    public void Import_TamperedProtectedKey_RefusedAsUnreadable()
    {
        var protector = new AesGcmCaKeyProtector(AesGcmCaKeyProtector.NewKey());
        var stored = _ca.Export(protector);
        stored.ProtectedPrivateKey[^1] ^= 0x01;

        var result = DeviceCertificateAuthority.Import(stored, protector);

        Assert.Equal("ca_key_unreadable", result.Error!.Code);
    }

    [Fact]
    public void Import_KeyOfAnotherAuthority_RefusedAsNotMatching()
    {
        using var other = DeviceCertificateAuthority.Create("132136", "東村山市", Now).Value;
        var protector = new AesGcmCaKeyProtector(AesGcmCaKeyProtector.NewKey());
        var mixed = _ca.Export(protector) with { ProtectedPrivateKey = other.Export(protector).ProtectedPrivateKey };

        var result = DeviceCertificateAuthority.Import(mixed, protector);

        Assert.Equal("ca_key_unreadable", result.Error!.Code);
        Assert.Contains("一致しません", result.Error.Message.Ja);
    }

    [Fact]
    public void FromSigningKey_KeyHeldOutside_IssuesCertificatesThatValidate()
    {
        // Stands in for an HSM key opened through SafeEvpPKeyHandle.OpenKeyFromProvider or a CNG key storage provider.
        var protector = new AesGcmCaKeyProtector(AesGcmCaKeyProtector.NewKey());
        var stored = _ca.Export(protector);
        var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(protector.Unprotect(stored.ProtectedPrivateKey), out _);

        using var held = DeviceCertificateAuthority.FromSigningKey(X509CertificateLoader.LoadCertificate(stored.CertificateDer), key).Value;
        using var issued = held.Issue("HM-PC-0010", null, Now).Value;

        Assert.True(_ca.Validate(issued.Certificate, RevokedSerialSet.Empty, Now.AddDays(1)).IsOk);
    }

    [Fact]
    public void FromSigningKey_AnotherKey_Refused()
    {
        var result = DeviceCertificateAuthority.FromSigningKey(
            X509CertificateLoader.LoadCertificate(_ca.Certificate.RawData), ECDsa.Create(ECCurve.NamedCurves.nistP256));

        Assert.Equal("ca_key_unreadable", result.Error!.Code);
    }

    [Theory]
    [InlineData("00CC6D6CE12123EFC7EB9A7794D18C4FB2", "00CC6D6CE12123EFC7EB9A7794D18C4FB2")]
    [InlineData("cc:6d:6c:e1:21:23:ef:c7:eb:9a:77:94:d1:8c:4f:b2", "00CC6D6CE12123EFC7EB9A7794D18C4FB2")]
    [InlineData("0001", "01")]
    [InlineData("7f", "7F")]
    [InlineData("80", "0080")]
    [InlineData("abc", "0ABC")]
    [InlineData("xyz", null)]
    [InlineData("", null)]
    public void CertificateSerial_Normalize_ReadsDotNetAndOpenSslForms(string input, string? expected)
    {
        Assert.Equal(expected, CertificateSerial.Normalize(input));
    }

    [Fact]
    public void RevokedSerialSet_Contains_MatchesAnyWrittenForm()
    {
        var set = RevokedSerialSet.From(["00CC6D6CE12123EFC7EB9A7794D18C4FB2"]);

        Assert.True(set.Contains("cc:6d:6c:e1:21:23:ef:c7:eb:9a:77:94:d1:8c:4f:b2"));
        Assert.False(set.Contains("00CC6D6CE12123EFC7EB9A7794D18C4FB3"));
        Assert.False(set.Contains("not hex"));
    }

    private sealed record ParsedCrl(List<string> Serials, DateTimeOffset ThisUpdate, DateTimeOffset? NextUpdate, byte[] Tbs, byte[] Signature);

    // RFC 5280 §5.1: CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm, signatureValue }
    private static ParsedCrl ParseCrl(byte[] der)
    {
        var outer = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        var tbsBytes = outer.PeekEncodedValue().ToArray();
        var tbs = outer.ReadSequence();
        outer.ReadSequence(); // signatureAlgorithm
        var signature = outer.ReadBitString(out _);

        if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
        {
            tbs.ReadInteger(); // version v2
        }

        tbs.ReadSequence(); // signature algorithm
        tbs.ReadSequence(); // issuer
        var thisUpdate = ReadTime(tbs);
        DateTimeOffset? nextUpdate = null;
        if (tbs.HasData && (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) || tbs.PeekTag().HasSameClassAndValue(Asn1Tag.GeneralizedTime)))
        {
            nextUpdate = ReadTime(tbs);
        }

        var serials = new List<string>();
        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
        {
            var revoked = tbs.ReadSequence();
            while (revoked.HasData)
            {
                var entry = revoked.ReadSequence();
                serials.Add(Convert.ToHexString(entry.ReadIntegerBytes().Span));
            }
        }

        return new ParsedCrl(serials, thisUpdate, nextUpdate, tbsBytes, signature);
    }

    private static DateTimeOffset ReadTime(AsnReader reader) =>
        reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();
}
