using Platform.TestKit;

namespace Platform.Governance.Tests;

/// <summary>A governance host whose TimeProvider is <see cref="TestClock"/>, with a fast overdue sweep.</summary>
public sealed class ClockedGovernanceHost(TestClock clock)
    : ClockedServiceHost<Api.Program>("governance", clock, new Dictionary<string, string?> { ["Problems:SweepInterval"] = "00:00:00.300" });
