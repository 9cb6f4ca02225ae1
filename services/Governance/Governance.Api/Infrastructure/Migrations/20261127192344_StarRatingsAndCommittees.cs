using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Governance.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class StarRatingsAndCommittees : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "committee_elections",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    community_id = table.Column<Guid>(type: "uuid", nullable: false),
                    proposal_id = table.Column<Guid>(type: "uuid", nullable: false),
                    seats = table.Column<int>(type: "integer", nullable: false),
                    term_years = table.Column<int>(type: "integer", nullable: false),
                    candidate_owner_ids = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    committee_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_committee_elections", x => x.id);
                    table.ForeignKey(
                        name: "fk_committee_elections_communities_community_id",
                        column: x => x.community_id,
                        principalTable: "communities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_committee_elections_proposals_proposal_id",
                        column: x => x.proposal_id,
                        principalTable: "proposals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "committees",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    community_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    term_start = table.Column<DateOnly>(type: "date", nullable: false),
                    term_end = table.Column<DateOnly>(type: "date", nullable: false),
                    elected_by_proposal_id = table.Column<Guid>(type: "uuid", nullable: true),
                    ended_on = table.Column<DateOnly>(type: "date", nullable: true),
                    formed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_committees", x => x.id);
                    table.ForeignKey(
                        name: "fk_committees_communities_community_id",
                        column: x => x.community_id,
                        principalTable: "communities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "star_ratings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    community_id = table.Column<Guid>(type: "uuid", nullable: false),
                    star_level = table.Column<int>(type: "integer", nullable: false),
                    previous_star_level = table.Column<int>(type: "integer", nullable: true),
                    effective_from = table.Column<DateOnly>(type: "date", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    rated_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    rated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_star_ratings", x => x.id);
                    table.ForeignKey(
                        name: "fk_star_ratings_communities_community_id",
                        column: x => x.community_id,
                        principalTable: "communities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "committee_member",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    committee_id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_committee_member", x => x.id);
                    table.ForeignKey(
                        name: "fk_committee_member_committees_committee_id",
                        column: x => x.committee_id,
                        principalTable: "committees",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_committee_elections_community_id",
                table: "committee_elections",
                column: "community_id");

            migrationBuilder.CreateIndex(
                name: "ix_committee_elections_proposal_id",
                table: "committee_elections",
                column: "proposal_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_committee_member_committee_id",
                table: "committee_member",
                column: "committee_id");

            migrationBuilder.CreateIndex(
                name: "ix_committees_community_id_kind",
                table: "committees",
                columns: new[] { "community_id", "kind" });

            migrationBuilder.CreateIndex(
                name: "ix_star_ratings_community_id_rated_at",
                table: "star_ratings",
                columns: new[] { "community_id", "rated_at" });

            // Communities registered before ratings were kept start their history with the level they have.
            migrationBuilder.Sql("""
                INSERT INTO star_ratings (id, community_id, star_level, previous_star_level, effective_from, reason, rated_by, rated_at)
                SELECT gen_random_uuid(), id, star_level, NULL, CURRENT_DATE, 'registration', 'registration', now() FROM communities;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "committee_elections");

            migrationBuilder.DropTable(
                name: "committee_member");

            migrationBuilder.DropTable(
                name: "star_ratings");

            migrationBuilder.DropTable(
                name: "committees");
        }
    }
}
