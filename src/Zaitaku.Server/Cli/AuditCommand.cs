using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Audit;
using Zaitaku.Data.Audit;
using Zaitaku.Server.Hosting;

namespace Zaitaku.Server.Cli;

internal static class AuditCommand
{
    public static Command Create()
    {
        var command = new Command("audit", "監査ログ / the audit trail");
        command.Add(Verify());
        command.Add(Purge());
        return command;
    }

    private static Command Verify()
    {
        var common = new CommonOptions();
        var tenant = new Option<string?>("--tenant") { Description = "自治体コード（省略時はすべての連鎖） / municipality code (default: every chain)" };
        var command = new Command("verify", "監査ログとゲートウェイの判定ログのハッシュ連鎖を検証します（改ざん検出） / verify the hash chains of the audit trail and the gateway's decision log (tamper evidence); exit 1 when broken") { tenant };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var (settings, error) = common.Database(parse);
            if (settings is null)
            {
                parse.InvocationConfiguration.Error.WriteLine(error);
                return 2;
            }
            await using var db = DatabaseSetup.Open(settings, TimeProvider.System);
            IReadOnlyCollection<Guid>? chains = null;
            if (parse.GetValue(tenant) is { } code)
            {
                var id = await db.Tenants.Where(t => t.Code == code).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(cancellationToken);
                if (id is null)
                {
                    parse.InvocationConfiguration.Error.WriteLine($"--tenant: 自治体コード「{code}」は登録されていません / no municipality has the code \"{code}\"");
                    return 2;
                }
                chains = [id.Value];
            }
            var reports = await AuditMaintenance.VerifyAsync(db, chains, cancellationToken);
            // The gateway's decision log is chained the same way; its chains are verified with the audit trail.
            reports.AddRange(await DecisionLogStore.VerifyAsync(db, chains?.Single(), cancellationToken));
            var broken = 0;
            foreach (var report in reports)
            {
                var v = report.Verification;
                var from = report.FromSequence is { } s ? $" (from checkpoint at {s})" : "";
                if (v.Whole)
                {
                    output.WriteLine($"OK      {report.ChainName}: {v.VerifiedCount} records whole{from} / 連鎖は完全です");
                }
                else
                {
                    broken++;
                    output.WriteLine($"BROKEN  {report.ChainName}: first broken link at sequence {v.BrokenAtSequence}" +
                        (v.BrokenRecordId is { } rid ? $" (record id {rid})" : "") + $": {v.Problem} / 連鎖が途切れています");
                }
            }
            if (reports.Count == 0) output.WriteLine("no audit records yet / 監査ログはまだありません");
            return broken == 0 ? 0 : 1;
        });
        return command;
    }

    private static Command Purge()
    {
        var common = new CommonOptions();
        var command = new Command("purge", "保存期間（自治体ごと、既定5年）を過ぎた監査ログを削除し、チェックポイントを残します / delete records past each tenant's retention, leaving a checkpoint");
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (settings, error) = common.Database(parse);
            if (settings is null)
            {
                parse.InvocationConfiguration.Error.WriteLine(error);
                return 2;
            }
            var time = TimeProvider.System;
            await using var db = DatabaseSetup.Open(settings, time);
            db.TenantScope.SetActor(null, "zaitaku audit purge");
            var tenants = await db.Tenants.AsNoTracking().ToListAsync(cancellationToken);
            foreach (var t in tenants)
            {
                var cutoff = time.GetUtcNow().AddYears(-Math.Max(1, t.AuditRetentionYears));
                var deleted = await AuditMaintenance.PurgeAsync(db, t.Id, cutoff, cancellationToken);
                parse.InvocationConfiguration.Output.WriteLine($"{t.Code} {t.Name}: {deleted} records older than {cutoff:yyyy-MM-dd} removed");
            }
            var deployment = await AuditMaintenance.PurgeAsync(db, AuditChain.Deployment, time.GetUtcNow().AddYears(-5), cancellationToken);
            parse.InvocationConfiguration.Output.WriteLine($"deployment: {deployment} records removed");
            return 0;
        });
        return command;
    }
}
