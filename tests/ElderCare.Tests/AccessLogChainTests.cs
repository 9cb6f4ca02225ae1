using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Data;
using Platform.ElderCare.Domain.Access;

namespace Platform.ElderCare.Tests;

/// <summary>
/// The chains' keyed links (one mechanism for the access log, the audit trail and the ledgers) and refusal reasons as plain rules.
/// </summary>
public sealed class AccessLogChainTests
{
    private static readonly string Key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly string OtherKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)(i ^ 0xFF)).ToArray());

    private sealed record Link(Guid Id, long Position, string? PreviousHash, string? Hash, string? ChainKeyId, string Reason) : IChainLink
    {
        public object?[] LinkedFields() => [Position, Id, Reason];
    }

    private static HashChain Chain(string current, params (string Id, string Key)[] keys) =>
        new(Options.Create(new ChainOptions { CurrentKeyId = current, Keys = keys.ToDictionary(k => k.Id, k => k.Key) }));

    private static readonly HashChain K1 = Chain("k1", ("k1", Key));

    private static List<Link> Links(HashChain chain, int length, string? previous = null, long from = 1)
    {
        var links = new List<Link>();
        previous ??= HashChain.Genesis;
        for (var position = from; position < from + length; position++)
        {
            var id = Guid.CreateVersion7();
            var (keyId, hash) = chain.Link(previous, position, id, "not_found");
            links.Add(new Link(id, position, previous, hash, keyId, "not_found"));
            previous = hash;
        }

        return links;
    }

    /// <summary>A chain as links were made before they were keyed: plain SHA-256, no key id.</summary>
    private static List<Link> PlainLinks(int length)
    {
        var links = new List<Link>();
        var previous = HashChain.Genesis;
        for (var position = 1; position <= length; position++)
        {
            var id = Guid.CreateVersion7();
            var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
                System.Text.Encoding.UTF8.GetBytes(string.Join('|', previous, position, id, "not_found"))));
            links.Add(new Link(id, position, previous, hash, null, "not_found"));
            previous = hash;
        }

        return links;
    }

    private static (Guid, string)? FirstBreak(HashChain chain, IEnumerable<Link> links) =>
        chain.FirstBreak(links, l => l.Position) is var (link, problem) ? (link.Id, problem) : null;

    [Fact]
    public void A_link_depends_on_the_key_so_a_plain_hash_cannot_forge_one()
    {
        var other = Chain("k1", ("k1", OtherKey));

        Assert.Equal(K1.Link(HashChain.Genesis, 1, "a"), K1.Link(HashChain.Genesis, 1, "a"));
        Assert.NotEqual(K1.Link(HashChain.Genesis, 1, "a").Hash, other.Link(HashChain.Genesis, 1, "a").Hash);
        Assert.NotEqual(K1.Link(HashChain.Genesis, 1, "a"), K1.Link(HashChain.Genesis, 1, "b"));
        Assert.Matches("^[0-9A-F]{64}$", K1.Link(HashChain.Genesis, null, 1.5m).Hash);
        Assert.Equal("k1", K1.Link(HashChain.Genesis, 1, "a").KeyId);
    }

    [Fact]
    public void An_intact_chain_verifies()
    {
        Assert.Null(FirstBreak(K1, Links(K1, 5)));
        Assert.Null(FirstBreak(K1, []));
    }

    [Fact]
    public void A_changed_entry_a_missing_entry_and_a_relinked_entry_are_each_found_at_the_first_break()
    {
        var changed = Links(K1, 4);
        changed[2] = changed[2] with { Reason = "no_active_order" };
        var missing = Links(K1, 4);
        missing.RemoveAt(1);
        var relinked = Links(K1, 4);
        relinked[3] = relinked[3] with { PreviousHash = relinked[1].Hash };

        Assert.Equal((changed[2].Id, "does not match its hash: its content was changed"), FirstBreak(K1, changed));
        Assert.Equal(missing[1].Id, FirstBreak(K1, missing)!.Value.Item1);
        Assert.StartsWith("is at position 3, not 2: one is missing", FirstBreak(K1, missing)!.Value.Item2);
        Assert.Equal((relinked[3].Id, "does not link to the entry before it"), FirstBreak(K1, relinked));
    }

    [Fact]
    public void After_a_rotation_links_under_the_old_key_still_verify_and_a_link_under_a_key_no_longer_configured_is_named()
    {
        var old = Links(K1, 3);
        var rotated = Chain("k2", ("k1", Key), ("k2", OtherKey));
        var chain = old.Concat(Links(rotated, 2, old[^1].Hash, 4)).ToList();

        Assert.Equal("k2", chain[^1].ChainKeyId);
        Assert.Null(FirstBreak(rotated, chain));
        Assert.Equal((chain[0].Id, "is linked under key 'k1', which is not configured"), FirstBreak(Chain("k2", ("k2", OtherKey)), chain));
    }

    [Fact]
    public void Plain_links_from_before_the_keys_verify_only_until_the_chain_is_keyed()
    {
        var plain = PlainLinks(3);
        var continued = plain.Concat(Links(K1, 2, plain[^1].Hash, 4)).ToList();
        var forged = PlainLinks(5);
        var mixed = Links(K1, 2).Concat(forged.Skip(2)).ToList();
        mixed[2] = mixed[2] with { PreviousHash = mixed[1].Hash };

        Assert.Null(FirstBreak(K1, plain));
        Assert.Null(FirstBreak(K1, continued));
        Assert.Equal((mixed[2].Id, "carries an unkeyed link after the chain was keyed"), FirstBreak(K1, mixed));
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
