package io.inetpublish.common.event;

/**
 * 更新类型 of a release record: HOT (热更新), DEV (dev 更新), RE (re 更新), FE (fe 更新). The names are the values on
 * the wire ({@code release.submitted}, {@code release.deployed}) and in release-service's table.
 */
public enum UpdateType {
    HOT, DEV, RE, FE
}
