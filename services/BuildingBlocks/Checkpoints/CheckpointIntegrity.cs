using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Data;

namespace Platform.BuildingBlocks.Checkpoints;

/// <summary>
/// The chains against what was published: every checkpoint numbered in turn, naming the one before it and signed with a published
/// key; the heads kept with it exactly those it signed; and every chain's record at its latest published head still carrying
/// that head. A chain rewritten after a checkpoint — even re-linked so that it verifies on its own — shows here. Run by
/// <c>verify-ledgers</c>. (Checkpoints deleted after the last one a reader kept are seen only by comparing with that copy.)
/// </summary>
public sealed class CheckpointIntegrity(ServiceDbContext db, CheckpointSigner signer, IEnumerable<ChainLedger> ledgers) : IIntegrityCheck
{
    public string Name => "published checkpoints";

    public async Task<IReadOnlyList<string>> FindViolationsAsync(CancellationToken ct)
    {
        var violations = new List<string>();
        var checkpoints = await db.ChainCheckpoints.AsNoTracking().OrderBy(c => c.Sequence).ToListAsync(ct);
        var heads = (await db.ChainCheckpointHeads.AsNoTracking().ToListAsync(ct)).ToLookup(h => h.CheckpointSequence);
        var previous = HashChain.Genesis;
        for (var i = 0; i < checkpoints.Count; i++)
        {
            var checkpoint = checkpoints[i];
            violations.AddRange(Check(checkpoint, i + 1, previous, heads[checkpoint.Sequence]));
            previous = CheckpointIssuer.HashOf(checkpoint);
        }

        foreach (var ledger in ledgers)
        {
            violations.AddRange((await ledger.RewrittenAsync(db, ct)).Select(h =>
                $"chain {h.ChainId} of the {ledger.Name}: its record at {h.Position} carries {h.Found ?? "nothing"}, " +
                $"not the head {h.Head} " +
                $"published in checkpoint {h.CheckpointSequence}: it was rewritten after it was published"));
        }

        return violations;
    }

    private IEnumerable<string> Check(ChainCheckpoint checkpoint, long expected, string previous, IEnumerable<ChainCheckpointHead> kept)
    {
        if (checkpoint.Sequence != expected)
        {
            yield return $"checkpoint {expected} is missing (the next is {checkpoint.Sequence})";
        }

        if (!signer.Verifies(checkpoint.KeyId, checkpoint.Content, checkpoint.Signature))
        {
            yield return $"checkpoint {checkpoint.Sequence} does not carry a valid signature of a published key";
            yield break;
        }

        var content = JsonSerializer.Deserialize<CheckpointContent>(checkpoint.Content, JsonSerializerOptions.Web)!;
        if (content.Sequence != checkpoint.Sequence || content.PreviousCheckpoint != previous)
        {
            yield return $"checkpoint {checkpoint.Sequence} does not follow the checkpoint before it";
        }

        var keptByLedger = kept.GroupBy(h => h.Ledger).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var ledger in content.Ledgers)
        {
            var rows = keptByLedger.GetValueOrDefault(ledger.Ledger) ?? [];
            if (rows.Count != ledger.Chains || ChainLedger.Digest(rows.Select(h => (h.ChainId, h.Position, h.Head))) != ledger.Digest)
            {
                yield return $"the heads kept with checkpoint {checkpoint.Sequence} for the {ledger.Ledger} are not the ones it signed";
            }
        }

        foreach (var unsigned in keptByLedger.Keys.Except(content.Ledgers.Select(l => l.Ledger)))
        {
            yield return $"checkpoint {checkpoint.Sequence} keeps heads of the {unsigned} it did not sign";
        }
    }
}
