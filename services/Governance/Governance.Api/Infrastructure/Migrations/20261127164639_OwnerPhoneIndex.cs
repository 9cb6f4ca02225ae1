using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Governance.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class OwnerPhoneIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_owners_phone",
                table: "owners",
                column: "phone");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_owners_phone",
                table: "owners");
        }
    }
}
