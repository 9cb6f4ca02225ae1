using Platform.Contracts.Events;
using Platform.Funds.Domain.Repairs;

namespace Platform.Funds.Tests;

/// <summary>The repair-project lifecycle as plain code, no database: every legal move, every refused one with its reason.</summary>
public sealed class RepairProjectRulesTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);
    private static readonly Guid Unit1 = Guid.NewGuid(), Unit2 = Guid.NewGuid(), Proposal = Guid.NewGuid();
    private static readonly RepairLimits Limits = RepairLimits.Default;

    private static RepairProject Proposed(RepairTrack track, long budgetFen = 1_000_000)
    {
        var proposal = new RepairProposal(track, track == RepairTrack.Emergency ? EmergencyCategory.ElevatorFailure : null,
            " Lift ", " 3号楼电梯 ", [Unit1, Unit2], budgetFen, Guid.NewGuid(), " Contractor ");
        var (project, refused) = RepairProject.Propose(Guid.NewGuid(), Guid.NewGuid(), proposal, false, "company", Now);
        Assert.Null(refused);
        return project!;
    }

    private static RepairProject InPublicity()
    {
        var project = Proposed(RepairTrack.Normal);
        Assert.Null(project.PassVote(Proposal, [Unit1, Unit2, Guid.NewGuid()], Today.AddDays(-10), publicityDays: 7));
        return project;
    }

    private static RepairProject Approved(RepairTrack track = RepairTrack.Normal)
    {
        var project = track == RepairTrack.Normal ? InPublicity() : Proposed(RepairTrack.Emergency);
        Assert.Null(project.Approve("housing", Now, Today, 0, Limits));
        project.ClearEvents();
        return project;
    }

    private static Disbursement Disbursement(RepairProject project, long amountFen) =>
        Domain.Repairs.Disbursement.Request(Guid.NewGuid(), project.Id, project.CommunityId, amountFen, "OUT-1",
            new SecondSignatureThreshold(Guid.NewGuid(), SecondSignatureThreshold.DefaultFen, new DateOnly(2000, 1, 1), "finance", Now),
            "housing", Now);

    private static RepairProject Accepted(long paidFen)
    {
        var project = Approved();
        project.Paid(Disbursement(project, paidFen), Guid.NewGuid(), unitsCharged: 2, Now);
        Assert.Null(project.Accept(Now));
        project.ClearEvents();
        return project;
    }

    private static void AssertRefused(RepairRefusal? refusal, string reason, params object?[] args)
    {
        Assert.NotNull(refusal);
        Assert.Equal(reason, refusal.Reason);
        Assert.Equal(args, refusal.Args);
    }

    [Theory]
    [InlineData(RepairTrack.Normal, RepairStatus.AwaitingVote)]
    [InlineData(RepairTrack.Emergency, RepairStatus.AwaitingApproval)]
    public void A_proposal_waits_on_its_track_with_its_text_trimmed(RepairTrack track, RepairStatus expected)
    {
        var project = Proposed(track);

        Assert.Equal(expected, project.Status);
        Assert.Equal(("Lift", "3号楼电梯", "Contractor"), (project.Title, project.Item, project.ContractorName));
        Assert.Equal(track == RepairTrack.Emergency, project.EmergencyCategory is not null);
        Assert.Equal($"repair-project:{project.Id}", project.Reference);
        Assert.Empty(project.Events);
    }

    [Fact]
    public void A_normal_proposal_drops_an_emergency_category()
    {
        var proposal = new RepairProposal(RepairTrack.Normal, EmergencyCategory.GasFailure, "t", "i", [Unit1], 1, Guid.NewGuid(), "c");

        var (project, _) = RepairProject.Propose(Guid.NewGuid(), Guid.NewGuid(), proposal, false, "company", Now);

        Assert.Null(project!.EmergencyCategory);
    }

    [Fact]
    public void A_blacklisted_contractor_is_refused_at_the_proposal()
    {
        var contractor = Guid.NewGuid();
        var proposal = new RepairProposal(RepairTrack.Normal, null, "t", "i", [Unit1], 1, contractor, "c");

        var (project, refused) = RepairProject.Propose(Guid.NewGuid(), Guid.NewGuid(), proposal, true, "company", Now);

        Assert.Null(project);
        AssertRefused(refused, RepairRefusal.ContractorBlacklisted, contractor);
    }

    [Fact]
    public void A_passed_vote_covering_the_scope_starts_the_publicity()
    {
        var project = InPublicity();

        Assert.Equal(RepairStatus.InPublicity, project.Status);
        Assert.Equal(Proposal, project.ResolutionProposalId);
        Assert.Equal(Today.AddDays(-3), project.PublicityEndsOn);
    }

    [Fact]
    public void A_passed_vote_that_leaves_out_a_unit_keeps_the_project_waiting()
    {
        var project = Proposed(RepairTrack.Normal);

        AssertRefused(project.PassVote(Proposal, [Unit1], Today, 7), RepairRefusal.ScopeNotCovered, Proposal);
        Assert.Equal(RepairStatus.AwaitingVote, project.Status);
        Assert.Null(project.ResolutionProposalId);
    }

    [Fact]
    public void A_rejected_vote_rejects_the_project_for_good()
    {
        var project = Proposed(RepairTrack.Normal);

        Assert.Null(project.RejectByVote(Proposal));

        Assert.Equal(RepairStatus.Rejected, project.Status);
        AssertRefused(project.RejectByVote(Proposal), RepairRefusal.NotAwaitingVote, RepairStatus.Rejected);
        AssertRefused(project.PassVote(Proposal, [Unit1, Unit2], Today, 7), RepairRefusal.NotAwaitingVote, RepairStatus.Rejected);
        AssertRefused(project.Approve("housing", Now, Today, 0, Limits), RepairRefusal.NotApprovable, RepairStatus.Rejected);
        AssertRefused(project.RefusePayment(false), RepairRefusal.NotApproved, RepairStatus.Rejected);
    }

    [Fact]
    public void An_emergency_never_waits_for_a_vote()
    {
        var project = Proposed(RepairTrack.Emergency);

        AssertRefused(project.PassVote(Proposal, [Unit1, Unit2], Today, 7), RepairRefusal.NotAwaitingVote, RepairStatus.AwaitingApproval);
        AssertRefused(project.RejectByVote(Proposal), RepairRefusal.NotAwaitingVote, RepairStatus.AwaitingApproval);
    }

    [Fact]
    public void A_normal_project_is_approved_only_after_its_publicity_ends_and_records_RepairProjectApproved()
    {
        var project = Proposed(RepairTrack.Normal);
        Assert.Null(project.PassVote(Proposal, [Unit1, Unit2], Today, 7));

        AssertRefused(project.Approve("housing", Now, Today.AddDays(7), 0, Limits), RepairRefusal.PublicityNotOver, Today.AddDays(7));
        Assert.Equal(RepairStatus.InPublicity, project.Status);
        Assert.Empty(project.Events);

        Assert.Null(project.Approve("housing", Now, Today.AddDays(8), 0, Limits));

        Assert.Equal((RepairStatus.Approved, "housing", Now), (project.Status, project.ApprovedBy, project.ApprovedAt));
        var approved = Assert.IsType<RepairProjectApproved>(Assert.Single(project.Events));
        Assert.Equal(new RepairProjectApproved(project.Id, project.CommunityId, "Normal", project.BudgetFen, project.ContractorId, Now),
            approved);
    }

    [Fact]
    public void A_normal_project_awaiting_the_vote_is_not_approvable()
    {
        var project = Proposed(RepairTrack.Normal);

        AssertRefused(project.Approve("housing", Now, Today, 0, Limits), RepairRefusal.NotApprovable, RepairStatus.AwaitingVote);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(2, true)]
    [InlineData(3, false)] // the county's third emergency of the year was the last
    public void An_emergency_is_approved_at_once_within_the_yearly_limit(int usedThisYear, bool approved)
    {
        var project = Proposed(RepairTrack.Emergency);

        var refusal = project.Approve("housing", Now, Today, usedThisYear, Limits);

        if (approved)
        {
            Assert.Null(refusal);
            Assert.Equal("Emergency", Assert.IsType<RepairProjectApproved>(Assert.Single(project.Events)).Track);
        }
        else
        {
            AssertRefused(refusal, RepairRefusal.EmergencyLimitReached, usedThisYear, Limits.EmergencyUsesPerYear);
            Assert.Equal(RepairStatus.AwaitingApproval, project.Status);
            Assert.Empty(project.Events);
        }
    }

    [Theory]
    [InlineData(RepairTrack.Normal)]
    [InlineData(RepairTrack.Emergency)]
    public void An_approved_project_is_not_approved_twice(RepairTrack track)
    {
        var project = Approved(track);

        AssertRefused(project.Approve("housing", Now, Today, 0, Limits), RepairRefusal.NotApprovable, RepairStatus.Approved);
    }

    [Fact]
    public void A_payment_is_refused_before_approval_and_to_a_blacklisted_contractor()
    {
        var awaiting = Proposed(RepairTrack.Normal);
        var approved = Approved();

        AssertRefused(awaiting.RefusePayment(false), RepairRefusal.NotApproved, RepairStatus.AwaitingVote);
        AssertRefused(awaiting.RefusePayment(true), RepairRefusal.NotApproved, RepairStatus.AwaitingVote);
        AssertRefused(approved.RefusePayment(true), RepairRefusal.ContractorBlacklisted, approved.ContractorId);
        Assert.Null(approved.RefusePayment(false));
        Assert.Throws<InvalidOperationException>(() => awaiting.Paid(Disbursement(awaiting, 1), Guid.NewGuid(), 1, Now));
    }

    [Fact]
    public void A_booked_payment_adds_to_the_total_books_the_disbursement_and_records_DisbursementMade()
    {
        var project = Approved();
        var disbursement = Disbursement(project, 600_000);
        var transaction = Guid.NewGuid();

        project.Paid(disbursement, transaction, unitsCharged: 2, Now);

        Assert.Equal(600_000, project.DisbursedFen);
        Assert.Equal(transaction, disbursement.TransactionId);
        Assert.Equal(new DisbursementMade(transaction, project.Id, project.CommunityId, project.ContractorId, 600_000, 2, Now),
            Assert.IsType<DisbursementMade>(Assert.Single(project.Events)));
        project.ClearEvents();
        Assert.Empty(project.Events);
    }

    [Fact]
    public void A_payment_for_another_project_is_not_booked_on_this_one()
    {
        var project = Approved();

        Assert.Throws<InvalidOperationException>(() => project.Paid(Disbursement(Approved(), 1), Guid.NewGuid(), 1, Now));
        Assert.Equal(0, project.DisbursedFen);
    }

    [Fact]
    public void Only_approved_work_is_accepted_and_accepted_work_may_still_be_paid()
    {
        var awaiting = Proposed(RepairTrack.Emergency);
        var project = Approved();

        AssertRefused(awaiting.Accept(Now), RepairRefusal.NotApproved, RepairStatus.AwaitingApproval);
        Assert.Null(project.Accept(Now));

        Assert.Equal((RepairStatus.Accepted, Now), (project.Status, project.AcceptedAt));
        AssertRefused(project.Accept(Now), RepairRefusal.NotApproved, RepairStatus.Accepted);
        Assert.Null(project.RefusePayment(false));
    }

    [Fact]
    public void Settlement_needs_accepted_work_no_pending_countersignature_and_the_cost_that_was_paid()
    {
        var approved = Approved();
        var project = Accepted(paidFen: 900_000);

        AssertRefused(approved.Settle(0, 0, Now), RepairRefusal.NotAccepted, RepairStatus.Approved);
        AssertRefused(project.Settle(900_000, 1, Now), RepairRefusal.CountersignaturePending, 1);
        AssertRefused(project.Settle(950_000, 0, Now), RepairRefusal.SettlementMismatch, 950_000L, 900_000L);
        Assert.Equal(RepairStatus.Accepted, project.Status);

        Assert.Null(project.Settle(900_000, 0, Now));

        Assert.Equal((RepairStatus.Settled, Now), (project.Status, project.SettledAt));
        AssertRefused(project.Settle(900_000, 0, Now), RepairRefusal.NotAccepted, RepairStatus.Settled);
        AssertRefused(project.RefusePayment(false), RepairRefusal.NotApproved, RepairStatus.Settled);
        AssertRefused(project.Accept(Now), RepairRefusal.NotApproved, RepairStatus.Settled);
    }

    [Theory]
    [InlineData(1_100_000, false)] // exactly 10% over the budget of 1,000,000 fen
    [InlineData(1_100_001, true)]
    public void A_settlement_more_than_the_threshold_over_budget_is_over_budget(long paidFen, bool overBudget)
    {
        var project = Accepted(paidFen);

        Assert.Null(project.Settle(paidFen, 0, Now));

        Assert.Equal(overBudget, project.IsOverBudget(Limits));
    }
}
