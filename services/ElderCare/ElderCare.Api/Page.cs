namespace Platform.ElderCare.Api;

/// <summary>One page of a list: its items, how many match in all, and where the page starts (the shape Governance's lists answer in).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int Offset, int Limit);
