using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Zaitaku.Devices;
using static Zaitaku.Core.Tests.Devices.DeviceScenario;

namespace Zaitaku.Core.Tests.Devices;

/// <summary>
/// Issue 3's invariants over random sequences of operations, valid and invalid: a PC has a
/// valid certificate only while kitting is complete and it is ready or lent; a lost, failed,
/// returned or disposed PC has none; every lent PC has exactly one borrower who accepted the
/// current terms; every transition emits an event; a refused operation writes nothing.
/// </summary>
public class DeviceInvariantProperties
{
    public enum Op
    {
        StartKitting,
        Tick,
        MarkReady,
        Lend,
        Withdraw,
        Accept,
        Return,
        Failure,
        Rekitting,
        Lost,
        StartDisposal,
        CompleteDisposal,
        Renew,
    }

    /// <summary>One step: <see cref="Guided"/> picks among operations that may fit the current state, otherwise among all.</summary>
    public sealed record Step(bool Guided, int Pick, int Variant, bool BlankActor, int MinutesLater);

    // Issue 3, "Rules" — written here independently of the production table.
    private static readonly HashSet<(DeviceState, DeviceState)> IssueTransitions =
    [
        (DeviceState.Ordered, DeviceState.Kitting), (DeviceState.Kitting, DeviceState.Ready), (DeviceState.Ready, DeviceState.Lent),
        (DeviceState.Lent, DeviceState.Returned), (DeviceState.Returned, DeviceState.Ready), (DeviceState.Lent, DeviceState.Failed),
        (DeviceState.Failed, DeviceState.Rekitting), (DeviceState.Rekitting, DeviceState.Ready), (DeviceState.Lent, DeviceState.Lost),
        (DeviceState.Ready, DeviceState.Lost), (DeviceState.Returned, DeviceState.Disposing), (DeviceState.Failed, DeviceState.Disposing),
        (DeviceState.Disposing, DeviceState.Disposed),
    ];

    private static readonly Op[] StateKeeping = [Op.Tick, Op.Lend, Op.Withdraw, Op.Renew];

    private static readonly Dictionary<DeviceState, Op[]> Plausible = new()
    {
        [DeviceState.Ordered] = [Op.StartKitting],
        [DeviceState.Kitting] = [Op.Tick, Op.Tick, Op.Tick, Op.MarkReady],
        [DeviceState.Rekitting] = [Op.Tick, Op.Tick, Op.Tick, Op.MarkReady],
        [DeviceState.Ready] = [Op.Lend, Op.Lend, Op.Accept, Op.Accept, Op.Accept, Op.Withdraw, Op.Lost, Op.Renew],
        [DeviceState.Lent] = [Op.Return, Op.Return, Op.Failure, Op.Failure, Op.Lost, Op.Renew],
        [DeviceState.Returned] = [Op.MarkReady, Op.StartDisposal],
        [DeviceState.Failed] = [Op.Rekitting, Op.StartDisposal],
        [DeviceState.Disposing] = [Op.CompleteDisposal],
        [DeviceState.Lost] = Enum.GetValues<Op>(),
        [DeviceState.Disposed] = Enum.GetValues<Op>(),
    };

    private static readonly string[] Items = ["os_image", "closed_vpn_profile", "app_restriction", "disk_encryption", "certificate_installed"];

    public static Gen<Step[]> Sequences()
    {
        var minutes = Gen.Frequency(
            (20, Gen.Choose(0, 600)),
            (1, Gen.Choose(700 * 1440, 800 * 1440))); // now and then past a certificate's two years
        var step =
            from guided in Gen.Frequency((5, Gen.Constant(true)), (1, Gen.Constant(false)))
            from pick in Gen.Choose(0, 99)
            from variant in Gen.Choose(0, 9)
            from blank in Gen.Frequency((25, Gen.Constant(false)), (1, Gen.Constant(true)))
            from later in minutes
            select new Step(guided, pick, variant, blank, later);
        return Gen.Choose(0, 60).SelectMany(n => Gen.ArrayOf(step, n));
    }

    [Property(MaxTest = 300)]
    public Property Invariants_HoldAfterEveryStep_OfAnyOperationSequence() =>
        Prop.ForAll(Arb.From(Sequences()), (Step[] steps) => Run(steps));

    [Fact]
    public void Sequences_Generated_VisitEveryState()
    {
        // A fixed seed: this checks that the generator reaches the deep states, so it must not depend on luck.
        var visited = new HashSet<DeviceState>();
        var samples = Gen.ArrayOf(Sequences(), 300).Sample(60, new Rnd(20261126UL, 0x9E3779B97F4A7C15UL), 1)[0];
        Assert.True(samples.Select(s => string.Join(";", s.AsEnumerable())).Distinct().Count() > 250, "samples differ");
        foreach (var steps in samples)
        {
            foreach (var state in Run(steps))
            {
                visited.Add(state);
            }
        }

        var missed = Enum.GetValues<DeviceState>().Where(s => !visited.Contains(s)).ToList();
        Assert.True(missed.Count == 0, "never reached: " + string.Join(", ", missed));
    }

    /// <summary>Runs the steps, asserting every invariant after each; returns the states visited.</summary>
    private static List<DeviceState> Run(Step[] steps)
    {
        var registration = TeleworkDevice.Register(Tenant, "HM-PC-0001", "5CG1234XYZ", "ThinkPad L13", null, It, Start).Value;
        var d = registration.Device;
        var at = Start;
        var issued = new List<string>();
        var revoked = new HashSet<string>();
        string? acceptedBy = null;
        string? acceptedTerms = null;
        var visited = new List<DeviceState> { d.State };
        Check(d, issued, revoked, acceptedBy, acceptedTerms);

        foreach (var step in steps)
        {
            if (at.AddMinutes(step.MinutesLater) < Start.AddYears(25))
            {
                at = at.AddMinutes(step.MinutesLater); // stays inside the test CA's validity
            }

            var choices = step.Guided ? Plausible[d.State] : Enum.GetValues<Op>();
            var op = choices[step.Pick % choices.Length];
            var actor = step.BlankActor ? "" : It;
            var before = Describe(d);
            var from = d.State;

            var result = Apply(d, op, step.Variant, actor, at);

            if (!result.IsOk)
            {
                Assert.Equal(before, Describe(d));
            }
            else
            {
                var e = result.Value;
                Assert.Equal(d.Id, e.DeviceId);
                Assert.Equal(Tenant, e.TenantId);
                Assert.Equal(at, e.At);
                Assert.Equal(from, e.From);
                Assert.Equal(d.State, e.To);
                Assert.False(string.IsNullOrEmpty(e.Actor));
                if (from != d.State)
                {
                    Assert.Contains((from, d.State), IssueTransitions);
                }

                if (StateKeeping.Contains(op))
                {
                    Assert.Equal(from, d.State);
                }

                if (e.CertificateIssued is { } cert)
                {
                    Assert.DoesNotContain(cert.SerialNumber, issued);
                    issued.Add(cert.SerialNumber);
                }

                if (e.CertificateRevoked is { } gone)
                {
                    Assert.True(revoked.Add(gone.SerialNumber), "a certificate is revoked once");
                    Assert.NotNull(gone.RevokedAt);
                }

                if (op == Op.Accept)
                {
                    acceptedBy = e.Actor;
                    acceptedTerms = e.Details["termsVersion"];
                }
            }

            Check(d, issued, revoked, acceptedBy, acceptedTerms);
            visited.Add(d.State);
        }

        return visited;
    }

    private static void Check(TeleworkDevice d, List<string> issued, HashSet<string> revoked, string? acceptedBy, string? acceptedTerms)
    {
        var inService = d.State is DeviceState.Ready or DeviceState.Lent;

        // A valid certificate exactly while ready or lent, and only after kitting is complete.
        Assert.Equal(inService, d.HasValidCertificate);
        if (d.HasValidCertificate)
        {
            Assert.True(d.IsKittingComplete);
            Assert.Contains(d.Certificate!.SerialNumber, issued);
        }

        // Every certificate ever issued is either the one valid identity or on the revocation list.
        var current = d.HasValidCertificate ? d.Certificate!.SerialNumber : null;
        foreach (var serial in issued.Where(s => s != current))
        {
            Assert.Contains(serial, revoked);
        }

        if (current is not null)
        {
            Assert.DoesNotContain(current, revoked);
        }

        // Every lent PC has exactly one borrower, who accepted the terms of the loan.
        if (d.State == DeviceState.Lent)
        {
            Assert.NotNull(d.Loan);
            Assert.True(d.Loan.IsAccepted);
            Assert.Equal(acceptedBy, d.Loan.BorrowerStaffId);
            Assert.Equal(acceptedTerms, d.Loan.TermsVersion);
        }
        else if (d.State == DeviceState.Ready)
        {
            Assert.False(d.Loan?.IsAccepted ?? false);
        }
        else
        {
            Assert.Null(d.Loan);
        }

        if (d.State == DeviceState.Lost)
        {
            Assert.NotNull(d.WipeOrder);
        }

        if (d.State == DeviceState.Disposed)
        {
            Assert.False(string.IsNullOrWhiteSpace(d.ErasureCertificate?.CertificateNumber));
        }
    }

    private static Result<DeviceEvent> Apply(TeleworkDevice d, Op op, int variant, string actor, DateTimeOffset at)
    {
        var today = JapanTime.DateOf(at);
        return op switch
        {
            Op.StartKitting => d.StartKitting(KittingChecklist.Default, actor, at),
            Op.Tick => d.TickChecklistItem(Items[variant % Items.Length], actor, at),
            Op.MarkReady => d.MarkReady(Certificate(d, variant, at), actor, at),
            Op.Lend => d.Lend(variant % 2 == 0 ? "S1" : "S2", variant / 2 % 2 == 0 ? "v1" : "v2", variant == 9 ? today.AddDays(-1) : today.AddDays(30), actor, at),
            Op.Withdraw => d.WithdrawLoanOffer(actor, at),
            Op.Accept => variant switch
            {
                < 6 when d.Loan is { } loan => d.AcceptTerms(loan.BorrowerStaffId, loan.TermsVersion, at),
                6 => d.AcceptTerms("S3", "v1", at),
                7 => d.AcceptTerms(d.Loan?.BorrowerStaffId ?? "S1", "v0", at),
                _ => d.AcceptTerms(variant % 2 == 0 ? "S1" : "S2", "v1", at),
            },
            Op.Return => d.Return(variant == 0 ? new string('x', 2001) : "異常なし", actor, at),
            Op.Failure => d.ReportFailure(variant == 0 ? "" : "起動しない", actor, at),
            Op.Rekitting => d.StartRekitting(KittingChecklist.Default, actor, at),
            Op.Lost => d.ReportLost("盗難", actor, at),
            Op.StartDisposal => d.StartDisposal(actor, at),
            Op.CompleteDisposal => d.CompleteDisposal(
                variant switch
                {
                    0 => null,
                    1 => Erasure with { CertificateNumber = "" },
                    _ => Erasure with { ErasedOn = today },
                },
                actor, at),
            Op.Renew => d.RenewCertificate(Certificate(d, variant, at), actor, at),
            _ => throw new ArgumentOutOfRangeException(nameof(op)),
        };
    }

    private static DeviceCertificate Certificate(TeleworkDevice d, int variant, DateTimeOffset at) => variant switch
    {
        0 => FreshCertificate(d, at) with { RevokedAt = at, RevocationReason = System.Security.Cryptography.X509Certificates.X509RevocationReason.Unspecified },
        1 => FreshCertificate(d, at) with { NotAfter = at.AddSeconds(-1) },
        2 when d.Certificate is { } old => old with { RevokedAt = null, RevocationReason = null },
        _ => FreshCertificate(d, at),
    };
}
