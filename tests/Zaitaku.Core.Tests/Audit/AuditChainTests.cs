using Zaitaku.Audit;

namespace Zaitaku.Core.Tests.Audit;

public sealed class AuditChainTests
{
    private static List<AuditRecord> Chain(int count, AuditCheckpoint? from = null)
    {
        var records = new List<AuditRecord>();
        var previous = from?.ThroughHash ?? AuditChain.Genesis;
        var sequence = from?.ThroughSequence ?? 0;
        for (var i = 0; i < count; i++)
        {
            var record = new AuditRecord
            {
                Id = i + 1, ChainId = Guid.Parse("11111111-1111-1111-1111-111111111111"), Sequence = ++sequence,
                At = AuditChain.Truncate(new DateTimeOffset(2026, 11, 26, 1, 0, i, TimeSpan.Zero).AddTicks(1234567)),
                ActorName = "10001 山田 太郎", Action = "staff.updated", TargetType = "StaffMember", TargetId = $"{i}",
                Summary = $"{{\"FamilyName\":[\"山田\",\"山本{i}\"]}}", IpAddress = "10.0.0.1", PreviousHash = previous, Hash = "",
            };
            record.Hash = AuditChain.ComputeHash(record);
            previous = record.Hash;
            records.Add(record);
        }
        return records;
    }

    [Fact]
    public void Verify_UntouchedChain_IsWhole()
    {
        var result = AuditChain.Verify(Chain(20), null);
        Assert.True(result.Whole);
        Assert.Equal(20, result.VerifiedCount);
    }

    [Fact]
    public void Verify_ChangedSummary_BreaksAtThatRecord()
    {
        var chain = Chain(10);
        chain[6].Summary = "{\"FamilyName\":[\"山田\",\"改ざん\"]}";
        var result = AuditChain.Verify(chain, null);
        Assert.False(result.Whole);
        Assert.Equal(7, result.BrokenAtSequence);
        Assert.Contains("content does not match", result.Problem);
    }

    [Fact]
    public void Verify_RemovedRecord_BreaksAtTheNextOne()
    {
        var chain = Chain(10);
        chain.RemoveAt(3);
        var result = AuditChain.Verify(chain, null);
        Assert.Equal(5, result.BrokenAtSequence);
    }

    [Fact]
    public void Verify_RecomputedHashOfChangedRecord_StillBreaksAtTheNextLink()
    {
        var chain = Chain(10);
        chain[2].ActorName = "someone else";
        chain[2].Hash = AuditChain.ComputeHash(chain[2]);
        var result = AuditChain.Verify(chain, null);
        Assert.Equal(4, result.BrokenAtSequence);
        Assert.Contains("previous hash", result.Problem);
    }

    [Fact]
    public void Verify_AfterPurge_StartsFromTheCheckpoint()
    {
        var full = Chain(10);
        var checkpoint = new AuditCheckpoint { ChainId = full[0].ChainId, ThroughSequence = 4, ThroughHash = full[3].Hash };
        var result = AuditChain.Verify(full.Skip(4), checkpoint);
        Assert.True(result.Whole);
        Assert.Equal(6, result.VerifiedCount);
        Assert.False(AuditChain.Verify(full.Skip(5), checkpoint).Whole);
    }

    [Fact]
    public void Truncate_KeepsWholeMicroseconds()
    {
        var instant = new DateTimeOffset(2026, 11, 26, 1, 2, 3, TimeSpan.Zero).AddTicks(1234567);
        Assert.Equal(instant.UtcTicks - 7, AuditChain.Truncate(instant).UtcTicks);
    }
}
