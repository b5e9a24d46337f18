package io.inetpublish.release.release;

/** 更新类型: HOT (热更新), DEV (dev 更新), RE (re 更新), FE (fe 更新). */
public enum UpdateType {
    HOT, DEV, RE, FE
}
