using Platform.Contracts.Kernel.Csv;
using Platform.Contracts.Kernel.People;
using Platform.Governance.Domain.Registry;

namespace Platform.Governance.Tests;

public sealed class IdentityRulesTests
{
    [Theory]
    [InlineData("11010519491231002X", true)]
    [InlineData("11010519491231002x", true)]
    [InlineData("110105194912310021", false)]
    [InlineData("11010519491231002", false)]
    [InlineData("1101051949123100AX", false)]
    public void Resident_id_numbers_are_checked_by_their_check_character(string number, bool valid) =>
        Assert.Equal(valid, ResidentIdNumber.IsValid(number));

    [Fact]
    public void A_resident_id_number_is_masked_to_region_and_last_four() =>
        Assert.Equal("110105********002X", ResidentIdNumber.Mask("11010519491231002x"));

    [Theory]
    [InlineData("91350100M000100Y43", true)]
    [InlineData("91350100M000100Y44", false)]
    [InlineData("91350100M000100Y4", false)]
    [InlineData("91350100M000100I43", false)]
    public void Unified_social_credit_codes_are_checked_by_their_check_character(string code, bool valid) =>
        Assert.Equal(valid, UnifiedSocialCreditCode.IsValid(code));

    [Fact]
    public void Generated_test_identities_are_valid()
    {
        Assert.All(Enumerable.Range(0, 2000), i => Assert.True(ResidentIdNumber.IsValid(TestIdentities.ResidentId(i * 4999))));
        Assert.All(Enumerable.Range(0, 2000), i => Assert.True(UnifiedSocialCreditCode.IsValid(TestIdentities.CreditCode(i * 4999))));
    }

    [Fact]
    public async Task Csv_records_keep_quoted_commas_quotes_and_line_breaks_and_know_their_line()
    {
        var text = "\uFEFFa,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n\r\n2,\"two\nlines\",\r\n3,,z";

        var records = await CsvReader.ReadAsync(new StringReader(text)).ToListAsync();

        Assert.Equal([1, 2, 4, 6], records.Select(r => r.Line));
        Assert.Equal(["a", "b", "c"], records[0].Fields);
        Assert.Equal(["1", "x, y", "say \"hi\""], records[1].Fields);
        Assert.Equal(["2", "two\nlines", ""], records[2].Fields);
        Assert.Equal(["3", "", "z"], records[3].Fields);
    }
}
