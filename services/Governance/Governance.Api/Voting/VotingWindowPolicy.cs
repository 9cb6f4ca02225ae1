using Platform.Governance.Domain.Voting;

namespace Platform.Governance.Api.Voting;

/// <summary>
/// The rule set's notice and window as this host applies them. For local demos and the benchmark only, Development
/// configuration may shorten the minimum notice and window (<see cref="NoticeKey"/>, <see cref="WindowKey"/>); any other
/// environment refuses to start with them, and the host says at start that it shortens them.
/// </summary>
public sealed class VotingWindowPolicy(TimeSpan? demoNotice, TimeSpan? demoWindow)
{
    public const string NoticeKey = "Voting:DemoMinimumNotice";
    public const string WindowKey = "Voting:DemoMinimumWindow";

    public TimeSpan? DemoNotice => demoNotice;

    public TimeSpan? DemoWindow => demoWindow;

    public bool Shortens => demoNotice is not null || demoWindow is not null;

    public WindowRules For(VotingRuleSet ruleSet) => ruleSet.Window.ShortenedTo(demoNotice, demoWindow);

    public static VotingWindowPolicy FromConfiguration(IConfiguration configuration, IHostEnvironment environment)
    {
        var notice = configuration.GetValue<TimeSpan?>(NoticeKey);
        var window = configuration.GetValue<TimeSpan?>(WindowKey);
        if ((notice ?? window) is not null && !environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"{NoticeKey} and {WindowKey} shorten the voting rule sets' minimum notice and window for local demos: " +
                $"Development only, not in {environment.EnvironmentName}. Remove them from this host's configuration.");
        }

        if (notice < TimeSpan.Zero || window <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{NoticeKey} must not be negative and {WindowKey} must be positive.");
        }

        return new VotingWindowPolicy(notice, window);
    }
}

/// <summary>Builds the policy as the host starts, so a shortened minimum outside Development stops it, and says when it shortens.</summary>
internal sealed class VotingWindowPolicyAnnouncement(VotingWindowPolicy policy, ILogger<VotingWindowPolicy> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (policy.Shortens)
        {
            logger.LogWarning(
                "{NoticeKey} = {Notice} and {WindowKey} = {Window} shorten every voting rule set's minimum notice and window "
                + "(Development only)",
                VotingWindowPolicy.NoticeKey, policy.DemoNotice, VotingWindowPolicy.WindowKey, policy.DemoWindow);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
