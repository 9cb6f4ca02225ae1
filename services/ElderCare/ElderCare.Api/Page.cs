namespace Platform.ElderCare.Api;

/// <summary>One page of a list: its items, how many match in all, where the page starts (the shape of Governance's lists).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int Offset, int Limit);
