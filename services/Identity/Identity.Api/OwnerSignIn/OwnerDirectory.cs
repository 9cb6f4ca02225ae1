using Grpc.Core;
using Platform.Contracts.Governance.V1;

namespace Platform.Identity.Api.OwnerSignIn;

/// <summary>Who owns a phone number, asked of governance when a code is requested (a fresh answer matters).</summary>
public interface IOwnerDirectory
{
    /// <summary>The owner whose phone this is, or null when none (or several) are.</summary>
    /// <exception cref="OwnerDirectoryUnavailableException">Governance did not answer in time.</exception>
    Task<Guid?> FindByPhoneAsync(string phone, CancellationToken cancellationToken);
}

public sealed class OwnerDirectoryUnavailableException(string message, Exception inner) : Exception(message, inner);

/// <summary>platform.governance.v1.RegistryLookup/FindOwnerByPhone with a deadline, under the service's own token.</summary>
internal sealed class GovernanceOwnerDirectory(RegistryLookup.RegistryLookupClient registry, TimeProvider time) : IOwnerDirectory
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    public async Task<Guid?> FindByPhoneAsync(string phone, CancellationToken cancellationToken)
    {
        try
        {
            var deadline = (time.GetUtcNow() + Deadline).UtcDateTime;
            var answer = await registry.FindOwnerByPhoneAsync(
                new FindOwnerByPhoneRequest { Phone = phone }, deadline: deadline, cancellationToken: cancellationToken);
            return answer.Found && Guid.TryParse(answer.OwnerId, out var owner) ? owner : null;
        }
        catch (RpcException exception) when (exception.StatusCode is not StatusCode.Cancelled)
        {
            throw new OwnerDirectoryUnavailableException($"Governance's FindOwnerByPhone failed: {exception.StatusCode}", exception);
        }
    }
}
