using Microsoft.EntityFrameworkCore;
using Zaitaku.Data;
using Zaitaku.Devices;
using Zaitaku.Devices.Pki;
using Zaitaku.Testing;

namespace Zaitaku.Web.Tests.Devices;

/// <summary>The device aggregate survives a trip through each database with every part of it.</summary>
public sealed class DeviceStorageTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SaveAndLoad_DeviceThroughItsLife_KeepsChecklistTicksCertificateLoanAndWipeOrder(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var now = server.Time.GetUtcNow();
        using var ca = DeviceCertificateAuthority.Create("131001", "テスト市", now.AddDays(-1)).Value;
        Guid id;
        DeviceCertificate issued;
        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            var device = TeleworkDevice.Register(seed.Tenant.Id, "TS-PC-0001", "5CG1234XYZ", "Latitude 5440", null, "it", now).Value.Device;
            id = device.Id;
            Assert.True(device.StartKitting(KittingChecklist.Default, "it", now).IsOk);
            scoped.Db.Devices.Add(device);
            await scoped.Db.SaveChangesAsync();
        }

        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            var device = await scoped.Db.Devices.SingleAsync(d => d.Id == id);
            Assert.Equal(KittingChecklist.Default.Items, device.Checklist);
            foreach (var item in device.Checklist) Assert.True(device.TickChecklistItem(item.Code, "technician", now.AddMinutes(1)).IsOk);
            using var certificate = ca.Issue(device.AssetTag, device.SerialNumber, now.AddMinutes(2)).Value;
            issued = certificate.Record;
            Assert.True(device.MarkReady(issued, "technician", now.AddMinutes(2)).IsOk);
            Assert.True(device.Lend(seed.Staff[5].Id.ToString(), "v1", new DateOnly(2027, 3, 31), "it", now.AddMinutes(3)).IsOk);
            Assert.True(device.AcceptTerms(seed.Staff[5].Id.ToString(), "v1", now.AddMinutes(4)).IsOk);
            await scoped.Db.SaveChangesAsync();
        }

        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            var device = await scoped.Db.Devices.SingleAsync(d => d.Id == id);
            Assert.Equal(DeviceState.Lent, device.State);
            Assert.Equal(4, device.ChecklistTicks.Count);
            Assert.All(device.ChecklistTicks, t => Assert.Equal("technician", t.TickedBy));
            Assert.Equal(issued, device.Certificate);
            Assert.Equal(seed.Staff[5].Id.ToString(), device.Loan!.BorrowerStaffId);
            Assert.Equal(now.AddMinutes(4), device.Loan.AcceptedAt);
            Assert.Null(device.WipeOrder);
            Assert.True(device.ReportLost("駅で紛失", "borrower", now.AddMinutes(5)).IsOk);
            await scoped.Db.SaveChangesAsync();
        }

        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            var device = await scoped.Db.Devices.AsNoTracking().SingleAsync(d => d.Id == id);
            Assert.Equal(DeviceState.Lost, device.State);
            Assert.Null(device.Loan);
            Assert.Equal(new WipeOrder("borrower", now.AddMinutes(5), "駅で紛失"), device.WipeOrder);
            Assert.Equal(now.AddMinutes(5), device.Certificate!.RevokedAt);
            Assert.Equal(System.Security.Cryptography.X509Certificates.X509RevocationReason.KeyCompromise, device.Certificate.RevocationReason);
        }
    }
}
