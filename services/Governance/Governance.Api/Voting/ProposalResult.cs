using Platform.Governance.Domain.Voting;

namespace Platform.Governance.Api.Voting;

/// <summary>
/// The decision on a proposal, taken once when its window ends and published. The row is never
/// updated or deleted (a database trigger refuses it): a published result cannot change.
/// </summary>
public sealed class ProposalResult
{
    private ProposalResult()
    {
    }

    public ProposalResult(Guid proposalId, VoteResult result, long ballotCount, string ballotChainHead, DateTimeOffset decidedAt)
    {
        ProposalId = proposalId;
        RuleSetId = result.RuleSetId;
        ElectorateHeadcount = result.Tally.ElectorateHeadcount;
        ElectorateAreaHundredths = result.Tally.ElectorateAreaHundredths;
        ParticipatingHeadcount = result.Tally.ParticipatingHeadcount;
        ParticipatingAreaHundredths = result.Tally.ParticipatingAreaHundredths;
        AgreeHeadcount = result.Tally.AgreeHeadcount;
        AgreeAreaHundredths = result.Tally.AgreeAreaHundredths;
        DisagreeHeadcount = result.Tally.DisagreeHeadcount;
        AbstainHeadcount = result.Tally.AbstainHeadcount;
        QuorumMet = result.QuorumMet;
        AreaApproved = result.AreaApproved;
        HeadcountApproved = result.HeadcountApproved;
        Passed = result.Passed;
        BallotCount = ballotCount;
        BallotChainHead = ballotChainHead;
        DecidedAt = decidedAt;
    }

    public Guid ProposalId { get; private set; }

    public string RuleSetId { get; private set; } = "";

    public long ElectorateHeadcount { get; private set; }

    public long ElectorateAreaHundredths { get; private set; }

    public long ParticipatingHeadcount { get; private set; }

    public long ParticipatingAreaHundredths { get; private set; }

    public long AgreeHeadcount { get; private set; }

    public long AgreeAreaHundredths { get; private set; }

    public long DisagreeHeadcount { get; private set; }

    public long AbstainHeadcount { get; private set; }

    public bool QuorumMet { get; private set; }

    public bool AreaApproved { get; private set; }

    public bool HeadcountApproved { get; private set; }

    public bool Passed { get; private set; }

    /// <summary>Every ballot cast, changed ones included.</summary>
    public long BallotCount { get; private set; }

    /// <summary>The hash of the last ballot: anyone holding the ballots can check the chain ends here.</summary>
    public string BallotChainHead { get; private set; } = "";

    public DateTimeOffset DecidedAt { get; private set; }

    public Tally Tally => new(ElectorateHeadcount, ElectorateAreaHundredths, ParticipatingHeadcount, ParticipatingAreaHundredths,
        AgreeHeadcount, AgreeAreaHundredths, DisagreeHeadcount, AbstainHeadcount);
}
