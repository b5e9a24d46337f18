-- One database per service (docs/architecture.md); each service migrates its own with Flyway.
create database inetpublish_auth;
create database inetpublish_release;
create database inetpublish_customer;
create database inetpublish_build;
create database inetpublish_notify;
