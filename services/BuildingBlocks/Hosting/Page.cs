namespace Platform.BuildingBlocks.Hosting;

/// <summary>One page of a list, the shape of every list the platform answers: its items, how many match in all, where it starts.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int Offset, int Limit);
