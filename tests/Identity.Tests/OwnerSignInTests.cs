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
public sealed class OwnerSignInTests(IdentityPlatform platform) : IAsyncLifetime
{
    private const string Codes = "/api/identity/v1/owner-sign-in/codes";

    [Fact]
    public async Task An_owner_signs_in_with_the_code_sent_to_their_registered_phone_and_reads_their_own_record_in_governance()
    {
        var (ownerId, phone) = await platform.RegisterOwner();

        var code = await platform.SignInCode(phone);
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
        var code = await platform.SignInCode(phone);

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
        await platform.Identity.SignInRequestsHandled();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(300, (await response.Content.ReadFromJsonAsync<OwnerSignInCodeResponse>())!.ExpiresInSeconds);
        Assert.Empty(platform.Identity.Phones.SentTo(phone));
        var (status, token) = await platform.Anonymous.OwnerSignIn(phone, "123456");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", token.Error);
    }

    [Fact]
    public async Task A_code_request_is_answered_while_governance_is_not_answering_and_the_code_follows_once_it_does()
    {
        var (_, phone) = await platform.RegisterOwner();
        var asked = platform.Identity.OwnerDirectory.Calls;
        HttpResponseMessage response;
        using (platform.Identity.OwnerDirectory.Hold())
        {
            using var quickly = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            response = await platform.Anonymous.PostAsJsonAsync(Codes, new { phone }, quickly.Token);
            Assert.Empty(platform.Identity.Phones.SentTo(phone));
        }

        await Eventually.Until(
            () => Task.FromResult(platform.Identity.Phones.SentTo(phone).Count == 1), TimeSpan.FromSeconds(30), "the code sent");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(platform.Identity.OwnerDirectory.Calls > asked);
    }

    [Fact]
    public async Task Answers_for_an_owners_phone_a_strangers_phone_and_a_phone_over_its_limit_are_byte_identical()
    {
        var (_, owner) = await platform.RegisterOwner();
        var (_, busy) = await platform.RegisterOwner();
        var stranger = TestIdentities.Phone(RegistryClient.Next());
        for (var request = 0; request < Figures.CodesPerHour + 1; request++)
        {
            await platform.Anonymous.PostAsJsonAsync(Codes, new { phone = busy });
        }

        var answers = new List<string>();
        foreach (var phone in new[] { owner, stranger, busy })
        {
            using var response = await platform.Anonymous.PostAsJsonAsync(Codes, new { phone });
            var headers = response.Headers.Concat(response.Content.Headers)
                .Where(header => header.Key is not ("Date" or "traceparent" or "traceresponse"))
                .OrderBy(header => header.Key)
                .Select(header => $"{header.Key}: {string.Join(",", header.Value)}");
            answers.Add($"{(int)response.StatusCode}\n{string.Join("\n", headers)}\n\n{await response.Content.ReadAsStringAsync()}");
        }

        Assert.Equal(answers[0], answers[1]);
        Assert.Equal(answers[0], answers[2]);
        Assert.StartsWith("202", answers[0]);
    }

    [Fact]
    public async Task Thirty_requests_from_another_address_for_an_owners_phone_do_not_stop_the_owner_signing_in_with_the_code_received()
    {
        var (ownerId, phone) = await platform.RegisterOwner();
        var code = await platform.SignInCode(phone);
        using var attacker = platform.AnonymousFrom("203.0.113.7");

        for (var request = 0; request < 30; request++)
        {
            // A minute apart at first, so that new codes are really sent while the owner's is still good.
            if (request < 4)
            {
                platform.Identity.Clock.Advance(TimeSpan.FromSeconds(61));
            }

            await platform.RequestCode(phone, attacker);
        }

        await platform.Identity.SignInRequestsHandled();
        var token = new JsonWebToken(await platform.Anonymous.OwnerSignIn(phone, code).AccessToken());

        Assert.Equal(ownerId.ToString(), token.Subject);
        Assert.Equal(Figures.CodesPerHour, platform.Identity.Phones.SentTo(phone).Count);
    }

    [Fact]
    public async Task A_wrong_code_is_invalid_grant_and_the_right_one_still_works_after_it()
    {
        var (_, phone) = await platform.RegisterOwner();
        var code = await platform.SignInCode(phone);

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
        var code = await platform.SignInCode(phone);

        await platform.Anonymous.OwnerSignIn(phone, code).AccessToken();
        var (status, again) = await platform.Anonymous.OwnerSignIn(phone, code);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", again.Error);
    }

    [Fact]
    public async Task A_code_expires_after_five_minutes()
    {
        var (_, phone) = await platform.RegisterOwner();
        var code = await platform.SignInCode(phone);

        platform.Identity.Clock.Advance(OwnerSignInCode.Lifetime + TimeSpan.FromSeconds(1));
        var (status, response) = await platform.Anonymous.OwnerSignIn(phone, code);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", response.Error);
    }

    [Fact]
    public async Task Every_live_code_of_a_phone_works_and_a_sign_in_uses_them_all_up()
    {
        var (_, phone) = await platform.RegisterOwner();
        var first = await platform.SignInCode(phone);
        platform.Identity.Clock.Advance(TimeSpan.FromSeconds(61));
        var second = await platform.SignInCode(phone);

        var (firstStatus, _) = await platform.Anonymous.OwnerSignIn(phone, first);
        var (secondStatus, _) = await platform.Anonymous.OwnerSignIn(phone, second);

        Assert.Equal(HttpStatusCode.OK, firstStatus);
        Assert.True(secondStatus == HttpStatusCode.BadRequest || first == second);
    }

    [Fact]
    public async Task Codes_reach_a_phone_at_most_once_a_minute_and_five_times_an_hour_and_every_request_gets_202()
    {
        var (_, phone) = await platform.RegisterOwner();

        for (var minute = 0; minute < Figures.CodesPerHour + 2; minute++)
        {
            await platform.RequestCode(phone);
            await platform.RequestCode(phone);
            await platform.Identity.SignInRequestsHandled();
            Assert.Equal(Math.Min(minute + 1, Figures.CodesPerHour), platform.Identity.Phones.SentTo(phone).Count);
            platform.Identity.Clock.Advance(TimeSpan.FromSeconds(61));
        }

        platform.Identity.Clock.Advance(TimeSpan.FromHours(1));
        await platform.SignInCode(phone);
    }

    [Fact]
    public async Task Failed_guesses_are_limited_per_phone_whatever_address_they_come_from()
    {
        var (_, phone) = await platform.RegisterOwner();
        var code = await platform.SignInCode(phone);
        for (var guess = 0; guess < Figures.FailuresPerPhone - 1; guess++)
        {
            using var guesser = platform.AnonymousFrom($"198.51.100.{guess + 1}");
            Assert.Equal("invalid_grant", (await guesser.OwnerSignIn(phone, Wrong(code))).Token.Error);
        }

        using var owner = platform.AnonymousFrom("192.0.2.1");
        var (belowLimit, _) = await owner.OwnerSignIn(phone, code);
        platform.Identity.Clock.Advance(TimeSpan.FromSeconds(61));
        var next = await platform.SignInCode(phone);
        using (var last = platform.AnonymousFrom("198.51.100.200"))
        {
            await last.OwnerSignIn(phone, Wrong(next));
        }

        var (atLimit, refused) = await owner.OwnerSignIn(phone, next);
        platform.Identity.Clock.Advance(Figures.PhoneWindow);
        var (afterWindow, _) = await owner.OwnerSignIn(phone, await platform.SignInCode(phone));

        Assert.Equal(HttpStatusCode.OK, belowLimit);
        Assert.Equal(HttpStatusCode.BadRequest, atLimit);
        Assert.Equal("invalid_grant", refused.Error);
        Assert.Equal(HttpStatusCode.OK, afterWindow);
    }

    [Fact]
    public async Task Failed_guesses_are_limited_per_address_across_phones_and_the_owners_code_still_works_from_elsewhere()
    {
        using var guesser = platform.AnonymousFrom("198.51.100.77");
        for (var guess = 0; guess < Figures.FailuresPerAddress; guess++)
        {
            // Spread over minutes, so that the limit in total is not what stops them.
            if (guess % 10 == 9)
            {
                platform.Identity.Clock.Advance(TimeSpan.FromSeconds(61));
            }

            Assert.Equal("invalid_grant", (await guesser.OwnerSignIn(TestIdentities.Phone(RegistryClient.Next()), "000000")).Token.Error);
        }

        var (_, phone) = await platform.RegisterOwner();
        var code = await platform.SignInCode(phone);
        var (fromGuesser, _) = await guesser.OwnerSignIn(phone, code);
        using var owner = platform.AnonymousFrom("192.0.2.2");
        var (fromOwner, _) = await owner.OwnerSignIn(phone, code);

        Assert.Equal(HttpStatusCode.BadRequest, fromGuesser);
        Assert.Equal(HttpStatusCode.OK, fromOwner);
    }

    [Fact]
    public async Task Failed_guesses_are_limited_in_total_across_phones_and_addresses()
    {
        for (var guess = 0; guess < Figures.FailuresPerMinute; guess++)
        {
            using var guesser = platform.AnonymousFrom($"198.51.100.{100 + guess % 5}");
            Assert.Equal("invalid_grant", (await guesser.OwnerSignIn(TestIdentities.Phone(RegistryClient.Next()), "000000")).Token.Error);
        }

        var (_, phone) = await platform.RegisterOwner();
        var code = await platform.SignInCode(phone);
        using var owner = platform.AnonymousFrom("192.0.2.3");
        var (duringTheMinute, _) = await owner.OwnerSignIn(phone, code);
        platform.Identity.Clock.Advance(TimeSpan.FromSeconds(61));
        var (afterIt, _) = await owner.OwnerSignIn(phone, code);

        Assert.Equal(HttpStatusCode.BadRequest, duringTheMinute);
        Assert.Equal(HttpStatusCode.OK, afterIt);
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
        var code = await platform.SignInCode(phone);

        var (status, response) = await platform.Anonymous.OwnerSignIn(phone, code, clientId: IdentityPlatform.AdminClientId);

        Assert.NotEqual(HttpStatusCode.OK, status);
        Assert.Null(response.AccessToken);
    }

    public async Task InitializeAsync() => await platform.Identity.ForgetFailedGuesses();

    public async Task DisposeAsync()
    {
        platform.Identity.Clock.Reset();
        await platform.Identity.SignInRequestsHandled();
        await platform.Identity.ForgetFailedGuesses();
    }

    /// <summary>The figures docs/identity.md gives.</summary>
    private static class Figures
    {
        public const int CodesPerHour = 5;
        public const int FailuresPerPhone = 10;
        public static readonly TimeSpan PhoneWindow = TimeSpan.FromMinutes(15);
        public const int FailuresPerAddress = 20;
        public const int FailuresPerMinute = 30;
    }

    private static string Wrong(string code) => ((int.Parse(code) + 1) % 1_000_000).ToString("D6");
}
