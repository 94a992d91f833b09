using System.Globalization;
using System.Net;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Zaitaku.Access;
using Zaitaku.Devices;
using static Zaitaku.Core.Tests.Access.IssueExample;

namespace Zaitaku.Core.Tests.Access;

public class AccessPropertyTests
{
    /// <summary>
    /// One failing condition: what it changes, the code it must produce, and the codes that by the
    /// spec stop its check from running ("and then no other device check", ...).
    /// </summary>
    private sealed record Failure(string Code, string[] Gates, Action<PolicySnapshotBuilder>? Snapshot = null, Func<AccessRequest, AccessRequest>? Request = null, DateTimeOffset? Now = null);

    private static readonly string[] DeviceGates = ["no_device_certificate", "device_unknown"];
    private static readonly string[] StaffGates = ["not_signed_in", "staff_unknown"];
    private static readonly string[] SystemGates = ["system_unknown", "segment_mynumber"];

    // Groups touch different fields, so that choosing one failure per group never undoes another.
    private static readonly Failure[][] Groups =
    [
        [new("no_device_certificate", [], Request: r => r with { DeviceSerial = null }), new("device_unknown", [], Request: r => r with { DeviceSerial = "ZT-9999" })],
        [new("device_not_lent", DeviceGates, b => b.Devices[0] = b.Devices[0] with { State = DeviceState.Returned })],
        [new("device_not_assigned", [.. DeviceGates, "not_signed_in"], b =>
        {
            b.Staff.Add(new StaffRecord { Id = "s002" });
            b.Devices[0] = b.Devices[0] with { AssignedTo = "s002" };
        })],
        [
            new("device_posture_stale", DeviceGates, b => b.Devices[0] = b.Devices[0] with { PostureReportedAt = null }),
            new("device_posture_stale", DeviceGates, b => b.Devices[0] = b.Devices[0] with { PostureReportedAt = At(8, 20).AddDays(-2) }),
        ],
        [new("device_noncompliant", DeviceGates, b => b.Devices[0] = b.Devices[0] with { Compliant = false })],
        [
            new("route_not_closed", [], Request: r => r with { SourceAddress = IPAddress.Parse("100.64.1.1") }),
            new("route_not_closed", [], Request: r => r with { SourceAddress = IPAddress.Parse("::ffff:100.100.0.1") }),
            new("route_unknown", [], Request: r => r with { SourceAddress = IPAddress.Parse("192.168.1.1") }),
            new("route_unknown", [], Request: r => r with { SourceAddress = null }),
        ],
        [new("not_signed_in", [], Request: r => r with { Staff = null }), new("staff_unknown", [], Request: r => r with { Staff = "s999" })],
        [new("staff_inactive", StaffGates, b => b.Staff[0] = b.Staff[0] with { Active = false })],
        [new("mfa_required", StaffGates, Request: r => r with { Mfa = false })],
        [
            new("staff_ineligible", StaffGates, b => b.Staff[0] = b.Staff[0] with { Employment = Employment.Probationary }),
            new("staff_ineligible", StaffGates, b => b.Staff[0] = b.Staff[0] with { Employment = Employment.FiscalYear }),
        ],
        [new("system_unknown", [], Request: r => r with { System = "nope" }), new("segment_mynumber", [], Request: r => r with { System = "juki" })],
        [new("system_not_remote", SystemGates, b => b.Systems[0] = b.Systems[0] with { Remote = false })],
        [
            new("data_class_restricted", SystemGates, Request: r => r with { Path = "/a/../tax/x" }),
            new("path_invalid", [], Request: r => r with { Path = "/tax%2Fx" }),
            new("path_invalid", [], Request: r => r with { Path = "//tax/x" }),
            new("path_invalid", [], Request: r => r with { Path = "/%C0%AE%C0%AE/tax" }),
        ],
        [
            new("no_approved_telework", StaffGates, b => b.Approvals.Clear()),
            new("no_approved_telework", StaffGates, b => b.Approvals[0] = b.Approvals[0] with { Date = Today.AddDays(1) }),
        ],
        [
            new("not_clocked_in", StaffGates, b => b.Workdays.Clear()),
            new("not_clocked_in", StaffGates, b => b.Workdays[0] = b.Workdays[0] with { End = At(9, 0) }),
            new("not_clocked_in", StaffGates, b => b.Workdays[0] = b.Workdays[0] with { Start = At(20, 0) }),
        ],
        [new("outside_work_hours", StaffGates, Now: At(7, 0)), new("outside_work_hours", StaffGates, Now: At(17, 15))],
    ];

    // For each group: 0 for no failure, or the 1-based index of the failure chosen.
    private static readonly Arbitrary<int[]> Choices =
        Gen.CollectToArray(Groups.Select(group => Gen.Choose(0, group.Length))).ToArbitrary();

    // Code → the codes that, by the spec, stop its check from running.
    private static readonly Dictionary<string, string[]> GatesOf = Groups.SelectMany(group => group)
        .GroupBy(failure => failure.Code)
        .ToDictionary(codes => codes.Key, codes => codes.SelectMany(failure => failure.Gates).Distinct().ToArray());

    private static (string[] Codes, Failure[] Chosen) Apply(int[] choices)
    {
        var chosen = choices.Select((choice, group) => choice == 0 ? null : Groups[group][choice - 1]).OfType<Failure>().ToArray();
        var builder = Builder();
        var request = Request;
        var now = Now;
        foreach (var failure in chosen)
        {
            failure.Snapshot?.Invoke(builder);
            if (failure.Request is not null) request = failure.Request(request);
            if (failure.Now is { } time) now = time;
        }

        return (Decide(builder.Build().Value, request, now), chosen);
    }

    [Fact]
    public void Decide_EachFailureAlone_ExactlyItsCode()
    {
        foreach (var (group, index) in Groups.SelectMany((group, g) => group.Select((_, i) => (g, i + 1))))
        {
            var choices = new int[Groups.Length];
            choices[group] = index;
            var (codes, chosen) = Apply(choices);
            var expected = chosen[0].Code switch
            {
                // Before 08:30 the 08:31 workday has not started yet either.
                "outside_work_hours" when chosen[0].Now == At(7, 0) => new[] { "not_clocked_in", "outside_work_hours" },
                // The device is lent to s001, not to the unknown id.
                "staff_unknown" => ["device_not_assigned", "staff_unknown"],
                var code => [code],
            };
            Assert.Equal(expected, codes);
        }
    }

    [Property(MaxTest = 500)]
    public Property Decide_AnyFailingConditionsTogether_DeniedWithEveryUngatedCode() =>
        Prop.ForAll(Choices, choices =>
        {
            var (codes, chosen) = Apply(choices);
            var allowed = codes.Length == 0;
            return allowed == (chosen.Length == 0)
                && chosen.All(failure => codes.Contains(failure.Code) || failure.Gates.Any(codes.Contains))
                && codes.SequenceEqual(codes.OrderBy(code => { ReasonCodes.TryParse(code, out var reason); return reason; }));
        });

    [Property(MaxTest = 500)]
    public Property Decide_AddingAFailingCondition_DeniesAndKeepsEveryUngatedReason() =>
        Prop.ForAll(Choices, Gen.Choose(0, Groups.Length - 1).ToArbitrary(), (choices, extraGroup) =>
        {
            var more = (int[])choices.Clone();
            if (more[extraGroup] == 0) more[extraGroup] = 1;
            var (before, _) = Apply(choices);
            var (after, _) = Apply(more);
            return after.Length > 0 && before.All(code => after.Contains(code) || GatesOf[code].Any(after.Contains));
        });

    // Address text forms.

    private static readonly Gen<uint> IPv4Values = Gen.OneOf(
        Gen.Choose(0, 0xFFFF).Select(low => 0x0A140000u | (uint)low), // 10.20.0.0/16, closed
        Gen.Choose(0, 0x3FFFFF).Select(low => 0x64400000u | (uint)low), // 100.64.0.0/10, open
        Gen.Choose(int.MinValue, int.MaxValue).Select(value => unchecked((uint)value)));

    private static IEnumerable<string> TextForms(uint value)
    {
        var (a, b, c, d) = (value >> 24, (value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF);
        var (high, low) = (value >> 16, value & 0xFFFF);
        yield return $"{a}.{b}.{c}.{d}";
        yield return $"::ffff:{a}.{b}.{c}.{d}";
        yield return $"::FFFF:{a}.{b}.{c}.{d}";
        yield return $"::ffff:{high:x}:{low:x}";
        yield return $"0:0:0:0:0:ffff:{high:x4}:{low:x4}";
        yield return $"0000:0000:0000:0000:0000:FFFF:{high:X4}:{low:X4}";
    }

    [Property(MaxTest = 300)]
    public Property Decide_EquivalentIPv4TextForms_SameDecision() =>
        Prop.ForAll(IPv4Values.ToArbitrary(), value =>
        {
            var snapshot = Snapshot();
            var decisions = TextForms(value).Select(text =>
            {
                Assert.True(AddressText.TryParseAddress(text, out var address), text);
                return AccessPolicy.Decide(snapshot, Request with { SourceAddress = address }, Now);
            }).ToArray();
            return decisions.All(decision => decision == decisions[0]);
        });

    [Property(MaxTest = 300)]
    public Property Decide_EquivalentIPv6TextForms_SameDecision() =>
        Prop.ForAll(Gen.Choose(0, 3).SelectMany(_ => Gen.ArrayOf(Gen.Choose(0, 0xFFFF), 8)).ToArbitrary(), groups =>
        {
            // Half of the addresses fall in the closed 2001:db8:20::/48 and zero runs are common, to exercise "::".
            var words = groups.Select((word, i) => i < 3 && groups[7] % 2 == 0 ? new[] { 0x2001, 0xdb8, 0x20 }[i] : word % 3 == 0 ? 0 : word).ToArray();
            var snapshot = Snapshot(b => b.Routes.Add(new NetworkRoute { Id = "vpn6", Kind = RouteKind.Closed, Cidrs = ["2001:db8:20::/48"] }));
            var full = string.Join(':', words.Select(word => word.ToString("x4", CultureInfo.InvariantCulture)));
            var forms = new[]
            {
                full,
                full.ToUpperInvariant(),
                string.Join(':', words.Select(word => word.ToString("x", CultureInfo.InvariantCulture))),
                IPAddress.Parse(full).ToString(),
            };
            var decisions = forms.Select(text =>
            {
                Assert.True(AddressText.TryParseAddress(text, out var address), text);
                return AccessPolicy.Decide(snapshot, Request with { SourceAddress = address }, Now);
            }).ToArray();
            return decisions.All(decision => decision == decisions[0]);
        });

    // Path encodings.

    private static readonly Gen<string> UnreservedSegments =
        Gen.ArrayOf(Gen.Elements("tax", "taX", "a", "b", "x~y", "1-2", "z_9", "t.a.x", "..", ".", "list"))
            .Select(segments => "/" + string.Join('/', segments));

    [Property(MaxTest = 300)]
    public Property Decide_UnreservedCharactersPercentEncoded_SameDecisionAndPath() =>
        Prop.ForAll(UnreservedSegments.ToArbitrary(), Gen.ArrayOf(Gen.Choose(0, 2), 64).ToArbitrary(), (path, encodings) =>
        {
            // Encode some characters as %xx (lower or upper hex), leave the others as they are.
            var encoded = new StringBuilder();
            for (var i = 0; i < path.Length; i++)
            {
                var how = path[i] == '/' ? 0 : encodings[i % encodings.Length];
                encoded.Append(how switch
                {
                    1 => $"%{(int)path[i]:x2}",
                    2 => $"%{(int)path[i]:X2}",
                    _ => path[i].ToString(),
                });
            }

            var snapshot = Snapshot();
            var plain = AccessPolicy.Decide(snapshot, Request with { Path = path }, Now);
            var other = AccessPolicy.Decide(snapshot, Request with { Path = encoded.ToString() }, Now);
            return plain == other
                && AccessPolicy.NormalizePath(path, out _) == AccessPolicy.NormalizePath(encoded.ToString(), out _);
        });

    private static readonly Gen<string> TrickyPaths =
        Gen.ArrayOf(Gen.Elements("/", ".", "..", "%2e", "%2E", "a", "tax", "%41", "税", ";", "%3b", "%25", "%2F", "\\", " ", "%C0%AE", "%00", "~", "%7e", "%E7%A8%8E", "?", "//"))
            .Select(parts => "/" + string.Concat(parts));

    [Property(MaxTest = 1000)]
    public Property Normalize_AnyPath_NormalFormIsStableAndFastPathAgrees() =>
        Prop.ForAll(TrickyPaths.ToArbitrary(), path =>
        {
            var once = RequestPath.Normalize(path, out _);
            if (RequestPath.IsNormal(path) && once != path) return false;
            if (once is null) return true;
            var twice = RequestPath.Normalize(once, out var problem);
            return problem == PathProblem.None && twice == once && once.All(char.IsAscii);
        });
}
