// A static page; it still uses Component() like every page so tests can render it.
Component({
  data: {},
  methods: {
    openContract() {
      // WeChat's copy of the guide registered in the MP admin; absent on old base libraries.
      if (typeof wx.openPrivacyContract === 'function') wx.openPrivacyContract({});
    },
  },
});
