using System.Diagnostics;

namespace Platform.BuildingBlocks.Hosting;

/// <summary>The platform's own activity source; every service traces through it.</summary>
public static class PlatformTelemetry
{
    public const string SourceName = "Platform";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>Tag naming the service that did the work (several hosts may share one process in tests).</summary>
    public const string ServiceTag = "platform.service";
}
