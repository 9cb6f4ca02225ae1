namespace Platform.Governance.Domain.Voting;

public enum Choice
{
    Agree,
    Disagree,
    Abstain,
}

/// <summary>Figures of a vote: who took part and who agreed, by headcount and area (hundredths of m²).</summary>
public sealed record Tally(
    long ElectorateHeadcount,
    long ElectorateAreaHundredths,
    long ParticipatingHeadcount,
    long ParticipatingAreaHundredths,
    long AgreeHeadcount,
    long AgreeAreaHundredths,
    long DisagreeHeadcount,
    long AbstainHeadcount);

/// <summary>The decision and why: each comparison made, and the rule set that made it.</summary>
public sealed record VoteResult(
    string RuleSetId,
    MatterType Matter,
    Tally Tally,
    bool QuorumMet,
    bool AreaApproved,
    bool HeadcountApproved)
{
    public bool Passed => QuorumMet && AreaApproved && HeadcountApproved;
}

/// <summary>Counts the last ballot of each voter and decides a matter by a rule set. No I/O.</summary>
public static class VoteCount
{
    public static Tally Tally(Electorate electorate, IReadOnlyDictionary<string, Choice> lastBallots)
    {
        long participatingHeads = 0, participatingArea = 0, agreeHeads = 0, agreeArea = 0, disagreeHeads = 0, abstainHeads = 0;
        foreach (var (voterId, choice) in lastBallots)
        {
            var voter = electorate.Find(voterId)
                ?? throw new ArgumentException($"Voter {voterId} is not in the electorate.", nameof(lastBallots));
            participatingHeads++;
            participatingArea += voter.AreaHundredths;
            switch (choice)
            {
                case Choice.Agree:
                    agreeHeads++;
                    agreeArea += voter.AreaHundredths;
                    break;
                case Choice.Disagree:
                    disagreeHeads++;
                    break;
                default:
                    abstainHeads++;
                    break;
            }
        }

        return new Tally(electorate.Headcount, electorate.AreaHundredths, participatingHeads, participatingArea, agreeHeads, agreeArea, disagreeHeads, abstainHeads);
    }

    public static VoteResult Decide(VotingRuleSet rules, MatterType matter, Electorate electorate, IReadOnlyDictionary<string, Choice> lastBallots)
    {
        var tally = Tally(electorate, lastBallots);
        var pass = rules.Pass[matter];
        var quorum = Meets(rules.QuorumArea, tally.ParticipatingAreaHundredths, tally) && Meets(rules.QuorumHeadcount, tally.ParticipatingHeadcount, tally, headcount: true);
        return new VoteResult(
            rules.Id,
            matter,
            tally,
            quorum,
            Meets(pass.Area, tally.AgreeAreaHundredths, tally),
            Meets(pass.Headcount, tally.AgreeHeadcount, tally, headcount: true));
    }

    private static bool Meets(Threshold threshold, long part, Tally tally, bool headcount = false)
    {
        if (threshold == Threshold.None)
        {
            return true;
        }

        var whole = (threshold.Base, headcount) switch
        {
            (ThresholdBase.Participating, true) => tally.ParticipatingHeadcount,
            (ThresholdBase.Participating, false) => tally.ParticipatingAreaHundredths,
            (ThresholdBase.Electorate, true) => tally.ElectorateHeadcount,
            _ => tally.ElectorateAreaHundredths,
        };
        return threshold.IsMetBy(part, whole);
    }
}
