using System.Formats.Asn1;
using System.Net;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Data;
using Zaitaku.Devices;
using Zaitaku.Devices.Pki;
using Zaitaku.Organization;
using Zaitaku.Testing;
using Zaitaku.Web.Devices;

namespace Zaitaku.Web.Tests.Devices;

/// <summary>The tenant CA as IT and an auditor meet it: its published revocation list and its key at rest.</summary>
public sealed class DeviceAuthorityTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Crl_AfterALossReport_ListsExactlyTheLostPcsSerial_SignedByTheTenantCa_WithARisingNumber(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var devices = await new DeviceSeed(server, seed).PrepareAsync();
        var lost = await devices.CreateAsync("TS-PC-0001", DeviceState.Lost);
        var lent = await devices.CreateAsync("TS-PC-0002", DeviceState.Lent);
        using var it = server.CreateClient();
        await seed.SignInAsync(it, Role.ItAdmin, server);

        using var caResponse = await it.GetRawAsync("/devices/ca/certificate");
        using var ca = X509Certificate2.CreateFromPem(await caResponse.Content.ReadAsStringAsync());
        using var first = await it.GetRawAsync("/devices/ca/crl");
        using var second = await it.GetRawAsync("/devices/ca/crl");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("application/pkix-crl", first.Content.Headers.ContentType?.MediaType);
        var crl = ParseCrl(await first.Content.ReadAsByteArrayAsync(), ca);
        var again = ParseCrl(await second.Content.ReadAsByteArrayAsync(), ca);
        using var scoped = server.OpenDb(seed.Tenant.Id);
        var ledger = await scoped.Db.DeviceCertificates.AsNoTracking().Select(c => new { c.DeviceId, c.SerialNumber }).ToListAsync();
        Assert.Equal(2, ledger.Count);
        Assert.Equal(ca.SubjectName.RawData, crl.Issuer);
        Assert.Equal([ledger.Single(c => c.DeviceId == lost.Id).SerialNumber], crl.Serials.Select(s => CertificateSerial.Normalize(s)!));
        Assert.DoesNotContain(ledger.Single(c => c.DeviceId == lent.Id).SerialNumber, again.Serials.Select(s => CertificateSerial.Normalize(s)!));
        Assert.Equal(crl.Number + 1, again.Number);
    }

    [Fact]
    public async Task Crl_StaffMember_CannotPublishIt()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var devices = await new DeviceSeed(server, seed).PrepareAsync();
        await devices.CreateAsync("TS-PC-0001", DeviceState.Lost);
        using var staff = server.CreateClient();
        await seed.SignInAsync(staff, Role.Staff, server);

        using var response = await staff.GetRawAsync("/devices/ca/crl");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual("application/pkix-crl", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task CaKey_WithAKeyFile_StoredOnlyEncrypted_AndUnreadableWithAnotherFileOrWithoutOne()
    {
        var folder = Directory.CreateTempSubdirectory("zaitaku-cakey-").FullName;
        try
        {
            var keyFile = Path.Combine(folder, "ca.key");
            var otherFile = Path.Combine(folder, "other.key");
            File.WriteAllBytes(keyFile, RandomNumberGenerator.GetBytes(32));
            File.WriteAllBytes(otherFile, RandomNumberGenerator.GetBytes(32));
            await using var server = await ConsoleServer.StartAsync(configure: services =>
                services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new DeviceOptions { CaKeyFile = keyFile })));
            var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
            await (await new DeviceSeed(server, seed).PrepareAsync()).CreateAsync("TS-PC-0001", DeviceState.Ready);

            using var scoped = server.OpenDb(seed.Tenant.Id);
            var stored = await scoped.Db.DeviceAuthorities.AsNoTracking().SingleAsync();
            Assert.Equal(DeviceAuthorities.KeyFileProtection, stored.KeyProtection);
            // The key file opens it, and what it opens is the CA's own key; the stored bytes never hold that key in clear.
            var pkcs8 = new AesGcmCaKeyProtector(File.ReadAllBytes(keyFile)).Unprotect(stored.PrivateKeyProtected);
            using var key = ECDsa.Create();
            key.ImportPkcs8PrivateKey(pkcs8, out _);
            using var ca = X509CertificateLoader.LoadCertificate(stored.CertificateDer);
            using var caKey = ca.GetECDsaPublicKey()!;
            Assert.Equal(caKey.ExportSubjectPublicKeyInfo(), key.ExportSubjectPublicKeyInfo());
            var secret = key.ExportParameters(true).D!;
            Assert.Equal(-1, stored.PrivateKeyProtected.AsSpan().IndexOf(secret));
            Assert.Equal(-1, stored.PrivateKeyProtected.AsSpan().IndexOf(pkcs8));

            var dataProtection = scoped.Services.GetRequiredService<IDataProtectionProvider>();
            var withOtherFile = await new DeviceAuthorities(scoped.Db, dataProtection,
                Microsoft.Extensions.Options.Options.Create(new DeviceOptions { CaKeyFile = otherFile })).OpenAsync();
            var withoutFile = await new DeviceAuthorities(scoped.Db, dataProtection,
                Microsoft.Extensions.Options.Options.Create(new DeviceOptions())).OpenAsync();

            Assert.Equal("ca_key_unreadable", withOtherFile.Error?.Code);
            Assert.Equal("ca_key_unreadable", withoutFile.Error?.Code);
            Assert.Contains("Devices:CaKeyFile", withoutFile.Error!.Message.Ja, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, true);
        }
    }

    private sealed record ParsedCrl(byte[] Issuer, BigInteger Number, List<string> Serials);

    /// <summary>Reads a CRL (RFC 5280) after checking its signature with the CA's public key.</summary>
    private static ParsedCrl ParseCrl(byte[] der, X509Certificate2 ca)
    {
        var outer = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        var tbsEncoded = outer.ReadEncodedValue();
        outer.ReadSequence();
        var signature = outer.ReadBitString(out _);
        using var key = ca.GetECDsaPublicKey()!;
        Assert.True(key.VerifyData(tbsEncoded.Span, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence), "the CRL is signed by the tenant CA");

        var tbs = new AsnReader(tbsEncoded, AsnEncodingRules.DER).ReadSequence();
        tbs.ReadInteger(); // version
        tbs.ReadSequence(); // signature algorithm
        var issuer = tbs.ReadEncodedValue().ToArray();
        tbs.ReadUtcTime();
        tbs.ReadUtcTime();
        var serials = new List<string>();
        if (tbs.HasData && tbs.PeekTag().Equals(Asn1Tag.Sequence))
        {
            var entries = tbs.ReadSequence();
            while (entries.HasData)
            {
                var entry = entries.ReadSequence();
                serials.Add(Convert.ToHexString(entry.ReadIntegerBytes().Span));
            }
        }
        var extensions = tbs.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0)).ReadSequence();
        var number = BigInteger.MinusOne;
        while (extensions.HasData)
        {
            var extension = extensions.ReadSequence();
            var oid = extension.ReadObjectIdentifier();
            if (extension.PeekTag().Equals(Asn1Tag.Boolean)) extension.ReadBoolean();
            var value = extension.ReadOctetString();
            if (oid == "2.5.29.20") number = new AsnReader(value, AsnEncodingRules.DER).ReadInteger();
        }
        return new ParsedCrl(issuer, number, serials);
    }
}
