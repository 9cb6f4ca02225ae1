using Platform.ElderCare.Domain.Access;

namespace Platform.ElderCare.Tests;

/// <summary>The access log's keyed chain and refusal reasons as plain rules, without a database.</summary>
public sealed class AccessLogChainTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    private static List<ChainedEntry> Chain(int length)
    {
        var chain = new List<ChainedEntry>();
        var previous = AccessLogChain.Genesis;
        for (var position = 1; position <= length; position++)
        {
            var id = Guid.CreateVersion7();
            var hash = AccessLogChain.Link(Key, previous, position, id, "not_found");
            chain.Add(new ChainedEntry(id, position, previous, hash, hash));
            previous = hash;
        }

        return chain;
    }

    [Fact]
    public void A_link_depends_on_the_key_so_a_plain_hash_cannot_forge_one()
    {
        var other = Key.Select(b => (byte)(b ^ 0xFF)).ToArray();

        Assert.Equal(AccessLogChain.Link(Key, AccessLogChain.Genesis, 1, "a"), AccessLogChain.Link(Key, AccessLogChain.Genesis, 1, "a"));
        var link = AccessLogChain.Link(Key, AccessLogChain.Genesis, 1, "a");
        Assert.NotEqual(link, AccessLogChain.Link(other, AccessLogChain.Genesis, 1, "a"));
        Assert.NotEqual(AccessLogChain.Link(Key, AccessLogChain.Genesis, 1, "a"), AccessLogChain.Link(Key, AccessLogChain.Genesis, 1, "b"));
        Assert.Matches("^[0-9A-F]{64}$", AccessLogChain.Link(Key, AccessLogChain.Genesis, null, 1.5m));
    }

    [Fact]
    public void An_intact_chain_verifies()
    {
        Assert.Null(AccessLogChain.FirstBreak(Chain(5)));
        Assert.Null(AccessLogChain.FirstBreak([]));
    }

    [Fact]
    public void A_changed_entry_a_missing_entry_and_a_relinked_entry_are_each_found_at_the_first_break()
    {
        var changed = Chain(4);
        var forged = AccessLogChain.Link(Key, changed[2].PreviousHash, 3, changed[2].Id, "no_active_order");
        changed[2] = changed[2] with { Recomputed = forged };
        var missing = Chain(4);
        missing.RemoveAt(1);
        var relinked = Chain(4);
        relinked[3] = relinked[3] with { PreviousHash = relinked[1].Hash };

        Assert.Equal((changed[2].Id, "does not match its hash: its content was changed"), Describe(AccessLogChain.FirstBreak(changed)));
        Assert.Equal(missing[1].Id, AccessLogChain.FirstBreak(missing)!.Value.Entry.Id);
        Assert.StartsWith("is at position 3, not 2: one is missing", AccessLogChain.FirstBreak(missing)!.Value.Problem);
        Assert.Equal((relinked[3].Id, "does not link to the entry before it"), Describe(AccessLogChain.FirstBreak(relinked)));

        static (Guid, string) Describe((ChainedEntry Entry, string Problem)? found) => (found!.Value.Entry.Id, found.Value.Problem);
    }

    [Theory]
    [InlineData(false, true, false, AccessRefusals.NotFound)]
    [InlineData(false, false, true, AccessRefusals.NotFound)]
    [InlineData(true, true, false, AccessRefusals.NoActiveOrder)]
    [InlineData(true, false, true, AccessRefusals.NotGuardian)]
    [InlineData(true, false, false, AccessRefusals.RoleRestricted)]
    public void A_hidden_person_is_refused_for_the_reason_the_caller_meets(bool exists, bool isProvider, bool isOwner, string reason) =>
        Assert.Equal(reason, CareRecordRefusal.ForHidden(exists, isProvider, isOwner));

    [Fact]
    public void A_visible_person_whose_record_is_refused_is_an_offer_not_accepted_or_a_restricted_role()
    {
        Assert.Equal(AccessRefusals.OrderNotAccepted, CareRecordRefusal.ForVisible(isProvider: true));
        Assert.Equal(AccessRefusals.RoleRestricted, CareRecordRefusal.ForVisible(isProvider: false));
    }
}
