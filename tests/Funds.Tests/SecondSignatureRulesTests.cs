using Platform.Funds.Domain.Repairs;

namespace Platform.Funds.Tests;

/// <summary>会签 as plain code: the threshold in force, the comparison at its edge, and the moves a disbursement allows.</summary>
public sealed class SecondSignatureRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 2, 0, 0, TimeSpan.Zero);

    private static SecondSignatureThreshold Threshold(long fen, DateOnly from, int setMinutesLater = 0) =>
        new(Guid.NewGuid(), fen, from, "finance", Now.AddMinutes(setMinutesLater));

    private static Disbursement Asked(long amountFen, long thresholdFen = SecondSignatureThreshold.DefaultFen) =>
        Disbursement.Request(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), amountFen, "OUT-1",
            Threshold(thresholdFen, new DateOnly(2000, 1, 1)),
            "housing-bureau", Now);

    [Theory]
    [InlineData(20_000_000, DisbursementStatus.Booked)]                   // at the threshold: no second signature
    [InlineData(20_000_001, DisbursementStatus.AwaitingCountersignature)] // one fen above it
    [InlineData(1, DisbursementStatus.Booked)]
    public void Only_a_disbursement_above_the_threshold_waits_for_a_countersignature(long amountFen, DisbursementStatus expected)
    {
        var disbursement = Asked(amountFen);

        Assert.Equal(expected, disbursement.Status);
        Assert.Equal(SecondSignatureThreshold.DefaultFen, disbursement.ThresholdFen);
        Assert.Equal(expected == DisbursementStatus.Booked, disbursement.IsToBeBooked);
    }

    [Fact]
    public void The_threshold_in_force_is_the_latest_effective_on_the_day_and_of_one_days_figures_the_last_set()
    {
        var day = new DateOnly(2027, 3, 1);
        List<SecondSignatureThreshold> history =
        [
            Threshold(20_000_000, new DateOnly(2000, 1, 1)),
            Threshold(10_000_000, day),
            Threshold(12_000_000, day, setMinutesLater: 5),
            Threshold(1_000_000, day.AddDays(1)),
        ];

        Assert.Equal(20_000_000, SecondSignatureThreshold.InForce(history, day.AddDays(-1)).ThresholdFen);
        Assert.Equal(12_000_000, SecondSignatureThreshold.InForce(history, day).ThresholdFen);
        Assert.Equal(1_000_000, SecondSignatureThreshold.InForce(history, day.AddDays(1)).ThresholdFen);
        Assert.Throws<InvalidOperationException>(() => SecondSignatureThreshold.InForce(history, new DateOnly(1999, 12, 31)));
    }

    [Fact]
    public void A_new_figure_takes_effect_today_or_later_never_in_the_past()
    {
        var today = new DateOnly(2026, 12, 6);

        Assert.True(SecondSignatureThreshold.MayTakeEffect(today, today));
        Assert.True(SecondSignatureThreshold.MayTakeEffect(today.AddDays(1), today));
        Assert.False(SecondSignatureThreshold.MayTakeEffect(today.AddDays(-1), today));
    }

    [Fact]
    public void A_countersigned_disbursement_is_to_be_booked_once_and_cannot_be_countersigned_or_refused_again()
    {
        var disbursement = Asked(30_000_000);

        Assert.Null(disbursement.Countersign("finance", Now));
        Assert.True(disbursement.IsToBeBooked);
        disbursement.Booked(Guid.NewGuid());

        Assert.False(disbursement.IsToBeBooked);
        Assert.Equal(DisbursementRefusal.Countersigned, disbursement.Countersign("finance", Now)?.Reason);
        Assert.Equal(DisbursementRefusal.Countersigned, disbursement.RefuseCountersignature("finance", "重复", Now)?.Reason);
        Assert.Throws<InvalidOperationException>(() => disbursement.Booked(Guid.NewGuid()));
        Assert.Equal((DisbursementStatus.Countersigned, "finance"), (disbursement.Status, disbursement.DecidedBy));
    }

    [Fact]
    public void A_refused_disbursement_is_never_booked_nor_countersigned_later()
    {
        var disbursement = Asked(30_000_000);

        Assert.Null(disbursement.RefuseCountersignature("finance", " 造价未经审核 ", Now));

        Assert.Equal((DisbursementStatus.Refused, "造价未经审核"), (disbursement.Status, disbursement.RefusalReason));
        Assert.False(disbursement.IsToBeBooked);
        Assert.Equal(DisbursementRefusal.Refused, disbursement.Countersign("finance", Now)?.Reason);
        Assert.Throws<InvalidOperationException>(() => disbursement.Booked(Guid.NewGuid()));
    }

    [Fact]
    public void Whoever_asked_for_a_disbursement_cannot_countersign_or_refuse_it_and_one_below_the_threshold_needs_no_signature()
    {
        var above = Asked(30_000_000);
        var below = Asked(1_000);

        Assert.Equal(DisbursementRefusal.OwnRequest, above.Countersign("housing-bureau", Now)?.Reason);
        Assert.Equal(DisbursementRefusal.OwnRequest, above.RefuseCountersignature("housing-bureau", "x", Now)?.Reason);
        Assert.Equal(DisbursementStatus.AwaitingCountersignature, above.Status);
        Assert.Equal(DisbursementRefusal.NoCountersignatureAsked, below.Countersign("finance", Now)?.Reason);
    }
}
