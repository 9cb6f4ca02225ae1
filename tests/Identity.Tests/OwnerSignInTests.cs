using System.Net;
using System.Net.Http.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Platform.BuildingBlocks.Security;
using Platform.Governance.Api.Registry;
using Platform.Governance.Tests;
using Platform.Identity.Api.OwnerSignIn;
using Platform.TestKit;

namespace Platform.Identity.Tests;

[Collection(IdentityCollection.Name)]
public sealed class OwnerSignInTests(IdentityPlatform platform) : IDisposable
{
    private const string Codes = "/api/identity/v1/owner-sign-in/codes";

    [Fact]
    public async Task An_owner_signs_in_with_the_code_sent_to_their_registered_phone_and_reads_their_own_record_in_governance()
    {
        var (ownerId, phone) = await platform.RegisterOwner();

        await platform.RequestCode(phone);
        var code = Assert.Single(platform.Identity.Phones.SentTo(phone));
        var (status, response) = await platform.Anonymous.OwnerSignIn(phone, code);

        Assert.Matches("^[0-9]{6}$", code);
        Assert.Equal(HttpStatusCode.OK, status);
        var token = new JsonWebToken(response.AccessToken);
        Assert.Equal(ownerId.ToString(), token.Subject);
        Assert.Equal(OrganisationTypes.Owner, token.GetPayloadValue<string>(PlatformClaims.OrganisationType));
        Assert.Equal(IdentityPlatform.OwnersApp, token.GetPayloadValue<string>(PlatformClaims.ClientId));
        Assert.Equal(Scopes.Owner.Order(), token.GetPayloadValue<string>(PlatformClaims.Scope).Split(' ').Order());
        var self = await platform.GovernanceAs(response.AccessToken!).GetFromJsonAsync<OwnerResponse>($"/api/governance/v1/owners/{ownerId}", RegistryClient.Json);
        Assert.Equal(ownerId, self!.Id);
    }

    [Fact]
    public async Task An_owner_may_ask_for_fewer_scopes_but_never_for_more_than_an_owner_has()
    {
        var (_, phone) = await platform.RegisterOwner();
        await platform.RequestCode(phone);
        var code = platform.Identity.Phones.SentTo(phone).Last();

        var (wideStatus, wide) = await platform.Anonymous.OwnerSignIn(phone, code, "governance.vote governance.write");
        var narrow = new JsonWebToken(await platform.Anonymous.OwnerSignIn(phone, code, "governance.vote").AccessToken());

        Assert.Equal(HttpStatusCode.BadRequest, wideStatus);
        Assert.Equal("invalid_scope", wide.Error);
        Assert.Equal(Scopes.GovernanceVote, narrow.GetPayloadValue<string>(PlatformClaims.Scope));
    }

    [Fact]
    public async Task A_phone_that_is_no_owners_gets_the_same_202_and_no_code()
    {
        var phone = TestIdentities.Phone(RegistryClient.Next());

        var response = await platform.Anonymous.PostAsJsonAsync(Codes, new { phone });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(300, (await response.Content.ReadFromJsonAsync<OwnerSignInCodeResponse>())!.ExpiresInSeconds);
        Assert.Empty(platform.Identity.Phones.SentTo(phone));
        var (status, token) = await platform.Anonymous.OwnerSignIn(phone, "123456");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", token.Error);
    }

    [Fact]
    public async Task A_wrong_code_is_invalid_grant_and_the_right_one_still_works_after_it()
    {
        var (_, phone) = await platform.RegisterOwner();
        await platform.RequestCode(phone);
        var code = platform.Identity.Phones.SentTo(phone).Last();

        var (status, wrong) = await platform.Anonymous.OwnerSignIn(phone, Wrong(code));
        var (rightStatus, _) = await platform.Anonymous.OwnerSignIn(phone, code);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", wrong.Error);
        Assert.Equal(HttpStatusCode.OK, rightStatus);
    }

    [Fact]
    public async Task A_code_is_good_for_one_sign_in_only()
    {
        var (_, phone) = await platform.RegisterOwner();
        await platform.RequestCode(phone);
        var code = platform.Identity.Phones.SentTo(phone).Last();

        await platform.Anonymous.OwnerSignIn(phone, code).AccessToken();
        var (status, again) = await platform.Anonymous.OwnerSignIn(phone, code);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", again.Error);
    }

    [Fact]
    public async Task A_code_expires_after_five_minutes()
    {
        var (_, phone) = await platform.RegisterOwner();
        await platform.RequestCode(phone);
        var code = platform.Identity.Phones.SentTo(phone).Last();

        platform.Identity.Clock.Advance(OwnerSignInCode.Lifetime + TimeSpan.FromSeconds(1));
        var (status, response) = await platform.Anonymous.OwnerSignIn(phone, code);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", response.Error);
    }

    [Fact]
    public async Task After_five_wrong_codes_even_the_right_one_is_refused()
    {
        var (_, phone) = await platform.RegisterOwner();
        await platform.RequestCode(phone);
        var code = platform.Identity.Phones.SentTo(phone).Last();

        for (var attempt = 0; attempt < OwnerSignInCode.MaxAttempts; attempt++)
        {
            Assert.Equal("invalid_grant", (await platform.Anonymous.OwnerSignIn(phone, Wrong(code))).Token.Error);
        }

        var (status, response) = await platform.Anonymous.OwnerSignIn(phone, code);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", response.Error);
    }

    [Fact]
    public async Task Only_the_latest_code_of_a_phone_counts()
    {
        var (_, phone) = await platform.RegisterOwner();
        await platform.RequestCode(phone);
        platform.Identity.Clock.Advance(OwnerSignInCodes.MinimumInterval);
        await platform.RequestCode(phone);
        var codes = platform.Identity.Phones.SentTo(phone);

        var (oldStatus, _) = await platform.Anonymous.OwnerSignIn(phone, codes[0]);
        var (newStatus, _) = await platform.Anonymous.OwnerSignIn(phone, codes[1]);

        Assert.Equal(2, codes.Count);
        Assert.True(oldStatus == HttpStatusCode.BadRequest || codes[0] == codes[1]);
        Assert.Equal(HttpStatusCode.OK, newStatus);
    }

    [Fact]
    public async Task Codes_are_limited_to_one_a_minute_and_five_an_hour_per_phone_for_owners_and_strangers_alike()
    {
        var (_, owner) = await platform.RegisterOwner();
        var stranger = TestIdentities.Phone(RegistryClient.Next());

        foreach (var phone in new[] { owner, stranger })
        {
            for (var request = 0; request < OwnerSignInCodes.HourlyLimit; request++)
            {
                await platform.RequestCode(phone);
                var tooSoon = await platform.Anonymous.PostAsJsonAsync(Codes, new { phone });
                Assert.Equal(HttpStatusCode.TooManyRequests, tooSoon.StatusCode);
                // A minute at most, until the fifth code of the hour: then until the first one is an hour old.
                var wait = int.Parse(tooSoon.Headers.GetValues("Retry-After").Single());
                Assert.InRange(wait, 1, request < OwnerSignInCodes.HourlyLimit - 1 ? 60 : 3600);
                platform.Identity.Clock.Advance(OwnerSignInCodes.MinimumInterval + TimeSpan.FromSeconds(1));
            }

            var sixth = await platform.Anonymous.PostAsJsonAsync(Codes, new { phone });
            Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
            Assert.InRange(int.Parse(sixth.Headers.GetValues("Retry-After").Single()), 60, 3600);
            platform.Identity.Clock.Reset();
        }

        Assert.Equal(OwnerSignInCodes.HourlyLimit, platform.Identity.Phones.SentTo(owner).Count);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("02345678901")]
    [InlineData("139００００００００")]
    [InlineData("139٠٠٠٠٠٠٠٠")]
    [InlineData("13900000000\n")]
    [InlineData("")]
    public async Task A_malformed_phone_is_a_400_naming_the_phone(string phone)
    {
        var response = await platform.Anonymous.PostAsJsonAsync(Codes, new { phone });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("phone", (await ProblemResponse.ReadAsync(response)).Errors!.Keys);
    }

    [Fact]
    public async Task Only_the_owners_app_may_use_the_owner_grant()
    {
        var (_, phone) = await platform.RegisterOwner();
        await platform.RequestCode(phone);
        var code = platform.Identity.Phones.SentTo(phone).Last();

        var (status, response) = await platform.Anonymous.OwnerSignIn(phone, code, clientId: IdentityPlatform.AdminClientId);

        Assert.NotEqual(HttpStatusCode.OK, status);
        Assert.Null(response.AccessToken);
    }

    public void Dispose() => platform.Identity.Clock.Reset();

    private static string Wrong(string code) => ((int.Parse(code) + 1) % 1_000_000).ToString("D6");
}
