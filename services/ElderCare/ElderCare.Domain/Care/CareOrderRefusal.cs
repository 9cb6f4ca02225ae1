namespace Platform.ElderCare.Domain.Care;

/// <summary>What kind of refusal: the caller may not do this (403), or the order is not in a state for it (409).</summary>
public enum CareOrderRefusalKind
{
    NotAllowed,
    WrongState,
}

/// <summary>A transition the order refused, by its problem code (the API's, e.g. <c>order_state</c>) and the detail's values.</summary>
public sealed record CareOrderRefusal(string Code, CareOrderRefusalKind Kind, IReadOnlyList<object> Args)
{
    public static CareOrderRefusal NotAllowed(string code) => new(code, CareOrderRefusalKind.NotAllowed, []);

    public static CareOrderRefusal WrongState(string code, params object[] args) => new(code, CareOrderRefusalKind.WrongState, args);
}

/// <summary>The problem codes of the care-order rules.</summary>
public static class CareOrderRefusals
{
    public const string NotProvider = "not_order_provider";
    public const string NotPlacer = "order_placer";
    public const string NotRater = "order_rater";
    public const string NotFollower = "order_follower";
    public const string State = "order_state";
    public const string NotRateable = "order_not_rateable";
    public const string NotCancellable = "order_not_cancellable";
    public const string NotEscalated = "order_not_escalated";
}
