// Package postgres is the PostgreSQL engine of package storage: it opens a
// pool through jackc/pgx/v5's database/sql driver, turns the '?'
// placeholders that storage's shared statements use into PostgreSQL's $n,
// holds the PostgreSQL schema (migrations/) and the text of the statements
// whose SQL differs from SQLite's, and takes the advisory locks that elect
// one replica for each single role. Package storage is its only user.
package postgres
