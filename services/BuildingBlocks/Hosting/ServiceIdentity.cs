namespace Platform.BuildingBlocks.Hosting;

/// <summary>The running service's short name: also its database, its queue and its telemetry name.</summary>
public sealed record ServiceIdentity(string Name);
